package guichet.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import guichet.dedup.Envelope;
import guichet.intake.ReceivedMessage;
import guichet.intake.ReceptionTime;
import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Copies of the same submissions filed at the same instant by many threads (as five
 * mailbox routes or two instances would): PostgreSQL's locks and constraints make the
 * count exact every time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "guichet.security.users=")
@DirtiesContext // its mail server stops after the class: close the context rather than
				// let it poll a dead server
class ConcurrentFilingTests {

	static GreenMail greenMail = TestMailServer.start();

	@DynamicPropertySource
	static void guichet(DynamicPropertyRegistry registry) {
		GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl(), List.of(Committee.SHARED), "KEEP")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stopMailServer() {
		greenMail.stop();
	}

	@Autowired
	Clerk clerk;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	static int round;

	@RepeatedTest(5)
	void copiesFiledAtTheSameInstantMakeExactlyOneApplicationEach() throws Exception {
		String who = "round" + (++round) + "-" + System.nanoTime();
		int submissions = 12;
		List<ReceivedMessage> copies = new ArrayList<>();
		for (int i = 0; i < submissions; i++) {
			TestMail mail = TestMail.application()
				.from("applicant" + i + "@" + who + ".example.org")
				.attach("note.txt", "text/plain", ("note " + who + " " + i).getBytes());
			boolean sentSeparately = i % 4 == 0;
			for (String mailbox : Committee.MEMBERS) {
				byte[] raw = (sentSeparately ? mail.messageId("<" + mailbox + i + who + "@x>") : mail).bytes();
				long uid = round * 1000L + i;
				copies.add(new ReceivedMessage(mailbox, ReceivedMessage.imapLocation(1, uid), 1L, uid, raw,
						new ReceptionTime(Instant.now(), ReceptionTime.Source.INTERNALDATE)));
			}
		}
		// the same fetched message filed twice (a second instance reading the same
		// mailbox)
		copies.addAll(copies.subList(0, 8));
		Collections.shuffle(copies, new Random(round));

		fileAllAtOnce(copies, 8);

		assertThat(count("select count(*) from application where applicant_email like '%" + who + "%'"))
			.isEqualTo(submissions);
		assertThat(jdbc
			.sql("select s.copies from submission s join application a on a.id = s.application_id "
					+ "where a.applicant_email like :who")
			.param("who", "%" + who + "%")
			.query(Integer.class)
			.list()).hasSize(submissions).containsOnly(4);
		assertThat(count("select count(*) from message where sender like '%" + who + "%'")).isEqualTo(submissions * 4);
	}

	@Test
	void aCopyArrivingWhileAnotherRouteFilesItsApplicationIsDeferredThenFiled() throws Exception {
		byte[] raw = TestMail.application().from("deferred-" + System.nanoTime() + "@example.org").bytes();
		ReceivedMessage copy = received(Committee.ALICE, 900_001, raw);
		try (Connection other = dataSource.getConnection()) {
			// another route's filing transaction, holding what fileOrDefer holds while it
			// reads the note
			other.setAutoCommit(false);
			try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
				lock.setString(1, FilingLock.key(Envelope.of(Submitted.parse(raw))));
				lock.execute();
			}

			assertThat(clerk.fileOrDefer(copy).outcome()).isEqualTo(Filing.Outcome.DEFERRED);
			assertThat(stateOf(copy)).isEqualTo("PENDING");
			other.rollback();
		}

		assertThat(clerk.fileOrDefer(copy).outcome()).isEqualTo(Filing.Outcome.NEW_SUBMISSION);
		assertThat(stateOf(copy)).isEqualTo("FILED");
	}

	@Test
	void aCopyWhoseApplicationRowIsLockedIsDeferredThenMerged() throws Exception {
		byte[] raw = TestMail.application().from("locked-" + System.nanoTime() + "@example.org").bytes();
		Filing first = clerk.fileOrDefer(received(Committee.ALICE, 900_002, raw));
		ReceivedMessage second = received(Committee.BRUNO, 900_002, raw);
		try (Connection other = dataSource.getConnection()) {
			// an admin's re-filing, say, which takes the application's row lock without
			// the advisory one
			other.setAutoCommit(false);
			try (PreparedStatement lock = other
				.prepareStatement("select id from application where id = ? for update")) {
				lock.setObject(1, first.applicationId());
				lock.execute();
			}

			assertThat(clerk.fileOrDefer(second).outcome()).isEqualTo(Filing.Outcome.DEFERRED);
			other.rollback();
		}

		assertThat(clerk.fileOrDefer(second).outcome()).isEqualTo(Filing.Outcome.COPY);
		assertThat(jdbc.sql("select copies from submission where id = :id")
			.param("id", first.submissionId())
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void filingWithoutDeferringWaitsForTheRouteFilingTheSameApplication() throws Exception {
		byte[] raw = TestMail.application().from("waits-" + System.nanoTime() + "@example.org").bytes();
		ReceivedMessage copy = received(Committee.ALICE, 900_004, raw);
		ExecutorService admin = Executors.newSingleThreadExecutor();
		try (Connection other = dataSource.getConnection()) {
			// a route's filing transaction holding the application's key while it reads
			// the note
			other.setAutoCommit(false);
			try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
				lock.setString(1, FilingLock.key(Envelope.of(Submitted.parse(raw))));
				lock.execute();
			}
			Future<Filing> refiling = admin.submit(() -> clerk.file(copy));
			Thread.sleep(500);
			assertThat(refiling).isNotDone();
			other.rollback();
			assertThat(refiling.get(30, java.util.concurrent.TimeUnit.SECONDS).outcome())
				.isEqualTo(Filing.Outcome.NEW_SUBMISSION);
		}
		finally {
			admin.shutdownNow();
		}
	}

	@Test
	void aCopyMarksItsApplicationChangedSoThatTheNextDigestShowsIt() throws Exception {
		byte[] raw = TestMail.application().from("changed-" + System.nanoTime() + "@example.org").bytes();
		Filing first = clerk.fileOrDefer(received(Committee.ALICE, 900_003, raw));
		java.sql.Timestamp filed = changedAt(first);
		Thread.sleep(5);

		assertThat(clerk.fileOrDefer(received(Committee.BRUNO, 900_003, raw)).outcome()).isEqualTo(Filing.Outcome.COPY);

		assertThat(changedAt(first)).isAfter(filed);
	}

	private java.sql.Timestamp changedAt(Filing filing) {
		return jdbc.sql("select changed_at from application where id = :id")
			.param("id", filing.applicationId())
			.query(java.sql.Timestamp.class)
			.single();
	}

	private static ReceivedMessage received(String mailbox, long uid, byte[] raw) {
		return new ReceivedMessage(mailbox, ReceivedMessage.imapLocation(1, uid), 1L, uid, raw,
				new ReceptionTime(Instant.now(), ReceptionTime.Source.INTERNALDATE));
	}

	private String stateOf(ReceivedMessage message) {
		return jdbc.sql("select state from message where mailbox = :mailbox and location = :location")
			.param("mailbox", message.mailbox())
			.param("location", message.location())
			.query(String.class)
			.single();
	}

	private void fileAllAtOnce(List<ReceivedMessage> copies, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int offset = t;
			futures.add(pool.submit(() -> {
				start.await();
				for (int i = offset; i < copies.size(); i += threads) {
					clerk.file(copies.get(i));
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
	}

	private int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
