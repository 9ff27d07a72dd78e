package guichet.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import guichet.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender's next mail is the first entry of an index, even in a plan PostgreSQL cached
 * while the outbox was nearly empty: such a plan, with the index on next_attempt_at
 * alone, read and sorted every pending mail for each one sent (issue #7).
 */
class OutboxPlanTests {

	final DataSource dataSource = TestDatabase.newMigratedDataSource();

	@Test
	void thePlanCachedOnANearlyEmptyOutboxStillReadsOneMailPerMailSent() throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			addPendingMails(statement, 1, 3);
			// the plan is made now, as the JDBC driver's prepared statement gets it after
			// a few calls, and kept
			statement.execute("set plan_cache_mode = force_generic_plan");
			statement.execute("prepare next_due as " + Outbox.NEXT_DUE);
			statement.execute("execute next_due");
			addPendingMails(statement, 4, 2000);

			String plan = planOf(statement, "explain (analyze, format text) execute next_due");

			assertThat(plan).doesNotContain("Sort").contains("outbox_due_in_order");
			assertThat(plan).containsPattern(
					"Index Scan using outbox_due_in_order on outbox .*actual time=[0-9.]+\\.\\.[0-9.]+ rows=1 loops");
		}
	}

	private static void addPendingMails(Statement statement, int first, int last) throws SQLException {
		// each in its own transaction, as acknowledgements are written: distinct
		// next_attempt_at
		for (int i = first; i <= last; i++) {
			statement.execute("insert into outbox (id, kind, cause, message_id, sender, recipients, mime) values "
					+ "(gen_random_uuid(), 'ACKNOWLEDGEMENT', 'cause-" + i + "', 'mail-" + i + "@guichet', "
					+ "'guichet@example.org', array['applicant-" + i + "@example.org'], "
					+ "decode(repeat('ab', 3000), 'hex'))");
		}
	}

	private static String planOf(Statement statement, String explain) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (var rows = statement.executeQuery(explain)) {
			while (rows.next()) {
				plan.append(rows.getString(1)).append('\n');
			}
		}
		return plan.toString();
	}

}
