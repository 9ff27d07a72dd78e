package guichet.application;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import guichet.dedup.Envelope;
import guichet.intake.MessageLedger;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What one filing holds for its transaction, so that two routes or two instances
 * receiving copies of one submission at the same instant still make one application: the
 * applicant-and-subject key, the message's ledger row, and the application's row (created
 * if new). With {@code nowait}, a filing that would have to wait gives up at once instead
 * (PostgreSQL's 55P03), and the clerk defers the message (issue #7).
 */
@Component
class FilingLock {

	private final JdbcClient jdbc;

	FilingLock(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An application locked for this transaction, and the sender's submission that
	 * already holds the message's Message-ID (rule 1, found by the same statement).
	 */
	record LockedApplication(UUID id, Optional<FiledSubmission> byMessageId) {
	}

	/** The key every filing of one applicant's subject holds: an advisory lock's. */
	static String key(Envelope envelope) {
		return "filing:" + envelope.sender() + ":" + envelope.subjectKey();
	}

	/**
	 * Every filing holds the applicant-and-subject key for its transaction, so that two
	 * filings of one application never meet on its rows. Another route filing it at this
	 * instant (the four mailboxes hold the copies in the same order) is most often
	 * reading its note: with {@code nowait}, give up at once, in one statement, rather
	 * than wait and roll back; without (an admin's re-filing), wait for it.
	 * @return false when another filing holds the key and {@code nowait} was asked
	 */
	boolean holdKey(Envelope envelope, boolean nowait) {
		String key = key(envelope);
		if (nowait) {
			return jdbc.sql("select pg_try_advisory_xact_lock(hashtext(:key))")
				.param("key", key)
				.query(Boolean.class)
				.single();
		}
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", key).query().listOfRows();
		return true;
	}

	/**
	 * Claims the message: another route or instance filing the same fetched message waits
	 * here, then finds it settled.
	 * @return false when it is no longer pending
	 */
	boolean claimMessage(UUID messageId, boolean nowait) {
		String state = jdbc.sql("select state from message where id = :id for update" + nowait(nowait))
			.param("id", messageId)
			.query(String.class)
			.single();
		return MessageLedger.State.valueOf(state) == MessageLedger.State.PENDING;
	}

	/** The application a reply answers (rule 6), locked. */
	LockedApplication lockById(UUID applicationId, boolean nowait) {
		jdbc.sql("select id from application where id = :id for update" + nowait(nowait))
			.param("id", applicationId)
			.query(UUID.class)
			.single();
		return new LockedApplication(applicationId, Optional.empty());
	}

	/**
	 * The application this message belongs to, locked for this transaction: the one
	 * holding its Message-ID from this sender (returned too, so that a copy needs no
	 * second look), else the applicant's application with this subject, created if new.
	 * Concurrent copies wait here for each other. A row held by a transaction that did
	 * not take the key (a Message-ID filed under another subject) gives up too with
	 * {@code nowait}.
	 */
	LockedApplication lockOfSender(Envelope envelope, boolean nowait) {
		if (envelope.messageId() != null) {
			// the submission holding the Message-ID, and its application locked, in one
			// statement
			Optional<FiledSubmission> byMessageId = jdbc.sql("""
					select s.id, s.application_id, s.version, s.received_at, s.language from submission s
					join application a on a.id = s.application_id
					where s.message_id = :messageId and s.applicant_email = :sender
					for update of a""" + nowait(nowait))
				.param("messageId", envelope.messageId())
				.param("sender", envelope.sender())
				.query(SubmissionRows.FILED)
				.optional();
			if (byMessageId.isPresent()) {
				return new LockedApplication(byMessageId.get().applicationId(), byMessageId);
			}
		}
		jdbc.sql("""
				insert into application (id, applicant_email, applicant_name, subject_key, subject)
				values (:id, :email, :name, :subjectKey, :subject)
				on conflict (applicant_email, subject_key) do nothing
				""")
			.param("id", UUID.randomUUID())
			.param("email", envelope.sender())
			.param("name", envelope.senderName())
			.param("subjectKey", envelope.subjectKey())
			.param("subject", envelope.subject())
			.update();
		UUID id = jdbc
			.sql("select id from application where applicant_email = :email and subject_key = :subjectKey "
					+ "for update" + nowait(nowait))
			.param("email", envelope.sender())
			.param("subjectKey", envelope.subjectKey())
			.query(UUID.class)
			.single();
		return new LockedApplication(id, Optional.empty());
	}

	/**
	 * Drops the application {@link #lockOfSender} opened for a message that turned out to
	 * belong to another one (its Message-ID filed under another subject).
	 */
	void dropIfEmpty(UUID applicationId) {
		jdbc.sql("delete from application where id = :id and version = 0").param("id", applicationId).update();
	}

	/**
	 * PostgreSQL's lock_not_available (55P03, from NOWAIT); Spring's
	 * CannotAcquireLockException also has others.
	 */
	static boolean isLockNotAvailable(DataAccessException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static String nowait(boolean nowait) {
		return nowait ? " nowait" : "";
	}

}
