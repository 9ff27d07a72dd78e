package guichet.bench;

import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the benchmark reads back from Guichet's database: how far the intake got, whether
 * every application was stored once with its four copies, and when each message was
 * stored.
 */
final class IngestCheck {

	/**
	 * A stored message: its mailbox and normalised Message-ID, and when it was settled
	 * (ms since the epoch).
	 */
	record Stored(String mailbox, String messageId, long processedAt) {
	}

	private final JdbcClient jdbc;

	IngestCheck(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	long settledMessages() {
		return this.jdbc.sql("select count(*) from message where state <> 'PENDING'").query(Long.class).single();
	}

	/**
	 * Why the first {@code applications} applicants' mail was not stored as expected, or
	 * {@code null} when each has one application, of one version, with four copies, and
	 * every message is filed.
	 */
	String problems(int applications) {
		long expected = 4L * applications;
		long filed = this.jdbc.sql("select count(*) from message where state = 'FILED'").query(Long.class).single();
		long others = this.jdbc.sql("select count(*) from message where state <> 'FILED'").query(Long.class).single();
		long stored = this.jdbc.sql("select count(*) from application").query(Long.class).single();
		long submissions = this.jdbc.sql("select count(*) from submission").query(Long.class).single();
		long fourCopies = this.jdbc.sql("select count(*) from submission where copies = 4").query(Long.class).single();
		long copies = this.jdbc.sql("select count(*) from message m join submission s on s.id = m.submission_id")
			.query(Long.class)
			.single();
		if (filed == expected && others == 0 && stored == applications && submissions == applications
				&& fourCopies == applications && copies == expected) {
			return null;
		}
		return ("expected %d applications of 4 copies; found %d applications, %d submissions (%d with 4 copies), "
				+ "%d filed messages (%d in submissions), %d not filed")
			.formatted(applications, stored, submissions, fourCopies, filed, copies, others);
	}

	List<Stored> stored() {
		return this.jdbc.sql("select mailbox, message_id, processed_at from message where processed_at is not null")
			.query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime()))
			.list();
	}

	long firstFetchedAt() {
		return this.jdbc.sql("select min(fetched_at) from message").query(java.sql.Timestamp.class).single().getTime();
	}

	/** When each mailbox's first message was recorded, in ms since the epoch. */
	Map<String, Long> firstFetchedAtByMailbox() {
		Map<String, Long> first = new TreeMap<>();
		this.jdbc.sql("select mailbox, min(fetched_at) from message group by mailbox").query((ResultSet rs) -> {
			first.put(rs.getString(1), rs.getTimestamp(2).getTime());
		});
		return first;
	}

	long lastProcessedAt() {
		return this.jdbc.sql("select max(processed_at) from message")
			.query(java.sql.Timestamp.class)
			.single()
			.getTime();
	}

}
