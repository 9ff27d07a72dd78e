package guichet.acknowledgement;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import guichet.support.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No address gets more than max-per-day acknowledgements in any 24 hours (RFC 3834), on a
 * real PostgreSQL.
 */
class AcknowledgementGuardTests {

	final DataSource dataSource = TestDatabase.newMigratedDataSource();

	final JdbcClient jdbc = JdbcClient.create(dataSource);

	AcknowledgementGuard guardOf(int maxPerDay) {
		return new AcknowledgementGuard(jdbc, new AcknowledgementProperties(true, maxPerDay));
	}

	@Test
	void allowsMaxPerDayToOneAddressThenNoMoreWhateverTheCase() {
		var guard = guardOf(3);

		assertThat(guard.allows("gil@example.org")).isTrue();
		assertThat(guard.allows("Gil@Example.org")).isTrue();
		assertThat(guard.allows("gil@example.org")).isTrue();
		assertThat(guard.allows("GIL@example.org")).isFalse();
		assertThat(guard.allows("gil@example.org")).isFalse();

		assertThat(guard.allows("ana@example.org")).isTrue();
		assertThat(timesOf("gil@example.org")).isEqualTo(3);
	}

	@Test
	void acknowledgementsOlderThanADayNoLongerCountAndAreForgotten() {
		jdbc.sql("""
				insert into acknowledgement_guard (address, written_at) values ('gil@example.org',
				  array[now() - interval '30 hours', now() - interval '25 hours', now() - interval '1 hour'])
				""").update();
		var guard = guardOf(3);

		assertThat(guard.allows("gil@example.org")).isTrue();
		assertThat(timesOf("gil@example.org")).isEqualTo(2);
		assertThat(guard.allows("gil@example.org")).isTrue();
		assertThat(guard.allows("gil@example.org")).isFalse();
		assertThat(timesOf("gil@example.org")).as("a refused acknowledgement is not counted").isEqualTo(3);
	}

	@Test
	void twoFirstApplicationsFromOneAddressFiledAtOnceTakeTurns() throws Exception {
		assertTheSecondWaitsAndIsRefused(guardOf(1));
	}

	@Test
	void twoApplicationsFromAnAddressAlreadyAcknowledgedFiledAtOnceTakeTurns() throws Exception {
		var guard = guardOf(2);
		assertThat(guard.allows("gil@example.org")).isTrue();

		assertTheSecondWaitsAndIsRefused(guard);
	}

	@Test
	void forgetsOnlyTheAddressesWithNothingInTheLastDay() {
		jdbc.sql("""
				insert into acknowledgement_guard (address, written_at) values
				  ('quiet@example.org', array[now() - interval '30 hours', now() - interval '25 hours']),
				  ('recent@example.org', array[now() - interval '30 hours', now() - interval '1 hour'])
				""").update();

		assertThat(guardOf(3).forgetQuietAddresses()).isEqualTo(1);

		assertThat(jdbc.sql("select address from acknowledgement_guard").query(String.class).list())
			.containsExactly("recent@example.org");
	}

	/**
	 * The first transaction takes the last acknowledgement allowed and holds it; the
	 * second must wait for the first's row lock (seen in pg_stat_activity) instead of
	 * counting without what the first has not committed yet.
	 */
	private void assertTheSecondWaitsAndIsRefused(AcknowledgementGuard guard) throws Exception {
		var transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		var firstAllowed = new CountDownLatch(1);
		var firstMayCommit = new CountDownLatch(1);
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
			boolean allowed = guard.allows("gil@example.org");
			firstAllowed.countDown();
			await(firstMayCommit);
			return allowed;
		}));
		await(firstAllowed);

		CompletableFuture<Boolean> second = CompletableFuture
			.supplyAsync(() -> transaction.execute(status -> guard.allows("gil@example.org")));
		long deadline = System.currentTimeMillis() + 10_000;
		while (!aBackendWaitsForALock()) {
			assertThat(second).as("the second must wait for the first").isNotDone();
			assertThat(System.currentTimeMillis()).as("the second never waited for a lock").isLessThan(deadline);
			Thread.sleep(20);
		}
		firstMayCommit.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
	}

	private boolean aBackendWaitsForALock() {
		return jdbc
			.sql("select count(*) from pg_stat_activity where datname = current_database() "
					+ "and wait_event_type = 'Lock' and query like '%acknowledgement_guard%'")
			.query(Integer.class)
			.single() > 0;
	}

	@Test
	void anUpgradeKeepsCountingTheAcknowledgementsOfTheLastDayInTheOutbox() {
		var dataSource = new DriverManagerDataSource(TestDatabase.newDatabaseUrl());
		var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
		flyway.target("4").load().migrate();
		var jdbc = JdbcClient.create(dataSource);
		for (String createdAt : new String[] { "now() - interval '2 hours'", "now() - interval '1 hour'",
				"now() - interval '26 hours'" }) {
			jdbc.sql("insert into outbox (id, kind, cause, message_id, sender, recipients, mime, created_at) values "
					+ "(gen_random_uuid(), 'ACKNOWLEDGEMENT', gen_random_uuid()::text, gen_random_uuid()::text, "
					+ "'guichet@example.org', array['gil@example.org'], '\\x00', " + createdAt + ")")
				.update();
		}
		jdbc.sql(
				"insert into outbox (id, kind, cause, message_id, sender, recipients, mime) values (gen_random_uuid(), "
						+ "'DIGEST', 'digest-1', 'digest-1', 'guichet@example.org', array['gil@example.org'], '\\x00')")
			.update();

		flyway.target("latest").load().migrate();

		var guard = new AcknowledgementGuard(jdbc, new AcknowledgementProperties(true, 3));
		assertThat(guard.allows("gil@example.org")).isTrue();
		assertThat(guard.allows("gil@example.org")).isFalse();
	}

	private int timesOf(String address) {
		return jdbc.sql("select cardinality(written_at) from acknowledgement_guard where address = :address")
			.param("address", address)
			.query(Integer.class)
			.single();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
