package guichet.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import guichet.outbox.OutgoingMail.Kind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mail Guichet has decided to send, in PostgreSQL. A mail is added in the transaction
 * of its cause (an application stored, a digest period closed), so that it exists if and
 * only if its cause does; the {@link OutboxSender} then sends it.
 */
@Component
public class Outbox {

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a mail in the caller's transaction; a second mail for the same cause is
	 * ignored.
	 */
	public boolean add(OutgoingMail mail) {
		return jdbc.sql("""
				insert into outbox (id, kind, cause, message_id, sender, recipients, subject, mime)
				values (:id, :kind, :cause, :messageId, :sender, :recipients, :subject, :mime)
				on conflict do nothing
				""")
			.param("id", UUID.randomUUID())
			.param("kind", mail.kind().name())
			.param("cause", mail.cause())
			.param("messageId", mail.messageId())
			.param("sender", mail.sender())
			.param("recipients", mail.recipients().toArray(String[]::new))
			.param("subject", mail.subject())
			.param("mime", mail.mime())
			.update() == 1;
	}

	record Due(UUID id, String sender, List<String> recipients, byte[] mime, int attempts) {
	}

	/**
	 * The next mail due, in the order of the index V6 made for it: its first entry, with
	 * no sort (issue #7). Public for the ingestion benchmark, which shows its cached
	 * plan.
	 */
	public static final String NEXT_DUE = """
			select id, sender, recipients, mime, attempts from outbox
			where state = 'PENDING' and next_attempt_at <= now()
			order by next_attempt_at, created_at
			limit 1
			for update skip locked
			""";

	/**
	 * The next mail due, locked until the caller's transaction ends; rows locked by
	 * another sender (another instance) are skipped, so each mail is in the hands of one
	 * sender at a time.
	 */
	Optional<Due> claimNextDue() {
		return jdbc.sql(NEXT_DUE)
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("sender"),
					Arrays.asList((String[]) rs.getArray("recipients").getArray()), rs.getBytes("mime"),
					rs.getInt("attempts")))
			.optional();
	}

	void markSent(UUID id) {
		jdbc.sql("update outbox set state = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null "
				+ "where id = :id")
			.param("id", id)
			.update();
	}

	void markAttemptFailed(UUID id, int attempts, boolean lastAttempt, Instant nextAttemptAt, String error) {
		jdbc.sql("""
				update outbox set state = :state, sent_at = null, attempts = :attempts,
				       next_attempt_at = :next, last_error = :error
				where id = :id
				""")
			.param("id", id)
			.param("state", lastAttempt ? "FAILED" : "PENDING")
			.param("attempts", attempts)
			.param("next", Timestamp.from(nextAttemptAt))
			.param("error", error)
			.update();
	}

	/** An outgoing mail as an admin sees it: everything but the body. */
	public record Entry(UUID id, String kind, String messageId, List<String> recipients, String subject, String state,
			int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
	}

	/**
	 * An admin asks for a failed mail to be sent again (issue #21): it is due now, with a
	 * fresh count of attempts.
	 */
	public boolean retry(UUID id) {
		return jdbc.sql("""
				update outbox set state = 'PENDING', attempts = 0, next_attempt_at = now()
				where id = :id and state = 'FAILED'
				""").param("id", id).update() == 1;
	}

	/** The mails in these states, oldest first. */
	public List<Entry> list(List<String> states) {
		return jdbc.sql("""
				select id, kind, message_id, recipients, subject, state, attempts, next_attempt_at, last_error,
				       created_at, sent_at
				from outbox where state = any (:states) order by created_at, id
				""")
			.param("states", states.toArray(String[]::new))
			.query((rs, n) -> new Entry(rs.getObject("id", UUID.class), rs.getString("kind"),
					rs.getString("message_id"), Arrays.asList((String[]) rs.getArray("recipients").getArray()),
					rs.getString("subject"), rs.getString("state"), rs.getInt("attempts"),
					instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
					instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at"))))
			.list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
