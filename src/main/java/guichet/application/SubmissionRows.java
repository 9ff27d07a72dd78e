package guichet.application;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import guichet.deadline.DeadlineStatus;
import guichet.dedup.Envelope;
import guichet.language.Language;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code submission} rows the clerk reads and writes while filing, under the filing
 * lock: the merge rules' questions ({@link Submissions}), a new version, another copy.
 * What the note says is written by {@link Assessment#bindTo}, for filing and re-analysis
 * alike.
 */
@Component
class SubmissionRows implements Submissions {

	/**
	 * From the columns id, application_id, version, received_at and language of
	 * submission.
	 */
	static final RowMapper<FiledSubmission> FILED = (rs, n) -> new FiledSubmission(rs.getObject("id", UUID.class),
			rs.getObject("application_id", UUID.class), rs.getInt("version"),
			rs.getTimestamp("received_at").toInstant(), Language.ofCode(rs.getString("language")));

	private final JdbcClient jdbc;

	SubmissionRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<FiledSubmission> fromSenderWithMessageId(String sender, String messageId) {
		return jdbc.sql("""
				select id, application_id, version, received_at, language from submission
				where message_id = :messageId and applicant_email = :sender
				""").param("messageId", messageId).param("sender", sender).query(FILED).optional();
	}

	@Override
	public List<UUID> ofOtherSendersWithMessageId(String sender, String messageId) {
		return jdbc.sql("select id from submission where message_id = :messageId and applicant_email <> :sender")
			.param("messageId", messageId)
			.param("sender", sender)
			.query(UUID.class)
			.list();
	}

	@Override
	public List<FiledSubmission> ofApplicationWithContent(UUID applicationId, String fingerprint) {
		return jdbc.sql("""
				select id, application_id, version, received_at, language from submission
				where application_id = :application and fingerprint = :fingerprint
				""").param("application", applicationId).param("fingerprint", fingerprint).query(FILED).list();
	}

	@Override
	public boolean latestOfApplicationHasNote(UUID applicationId) {
		return jdbc.sql("""
				select note_source is not null from submission where application_id = :id
				order by version desc limit 1
				""").param("id", applicationId).query(Boolean.class).optional().orElse(false);
	}

	/**
	 * A new version of the application: its number, and the applicant's name and subject
	 * as this version gives them. The application's changed_at puts it in the next
	 * digest.
	 */
	int nextVersion(UUID applicationId, Envelope envelope) {
		return jdbc.sql("update application set version = version + 1, changed_at = now(), "
				+ "applicant_name = coalesce(:name, applicant_name), subject = :subject where id = :id returning version")
			.param("id", applicationId)
			.param("name", envelope.senderName())
			.param("subject", envelope.subject())
			.query(Integer.class)
			.single();
	}

	/** Writes a new version and its note's text. */
	void insert(UUID submissionId, UUID applicationId, int version, UUID messageId, Submitted submitted,
			String fingerprint, Assessment assessment) {
		Envelope envelope = submitted.envelope();
		var insert = jdbc.sql("""
				insert into submission (id, application_id, applicant_email, version, message_id, fingerprint,
				    first_message, received_at, received_at_source, sent_at, copies, recipients, analysed_at,
				    forwarded_by, forward_received_at, applicant_confirmed, %s)
				values (:id, :application, :applicant, :version, :messageId, :fingerprint,
				    :firstMessage, :receivedAt, :source, :sentAt, 1, :recipients, now(),
				    :forwardedBy, :forwardReceivedAt, :confirmed, %s)
				""".formatted(assessment.columnNames(), assessment.columnParameters()))
			.param("id", submissionId)
			.param("application", applicationId)
			.param("applicant", envelope.sender())
			.param("version", version)
			.param("messageId", envelope.messageId())
			.param("fingerprint", fingerprint)
			.param("firstMessage", messageId)
			.param("receivedAt", Timestamp.from(submitted.receivedAt()))
			.param("source", submitted.receivedAtSource())
			.param("sentAt", envelope.sentAt() == null ? null : Timestamp.from(envelope.sentAt()))
			.param("recipients", submitted.recipients().stream().distinct().sorted().toArray(String[]::new))
			.param("forwardedBy", submitted.forwardedBy())
			.param("forwardReceivedAt",
					submitted.forwardReceivedAt() == null ? null : Timestamp.from(submitted.forwardReceivedAt()))
			.param("confirmed", submitted.applicantConfirmed());
		assessment.bindTo(insert).update();
		jdbc.sql("insert into note_text (submission_id, text) values (:id, :text)")
			.param("id", submissionId)
			.param("text", assessment.storableText())
			.update();
	}

	/**
	 * Counts another copy: its recipients join the submission's, and the earlier receive
	 * time is kept. The row is locked first, so that the time returned is the latest even
	 * when this submission's application is not the one this transaction locked (a
	 * Message-ID filed under another subject). The application's changed_at puts it in
	 * the next digest.
	 * @return the submission's receive time before this copy
	 */
	Instant addCopy(FiledSubmission submission, Submitted copy) {
		return jdbc
			.sql("""
					with before as (select received_at from submission where id = :id for update),
					copied as (
					    update submission s set copies = s.copies + 1,
					           recipients = array(select distinct r from unnest(s.recipients || :recipients) as r order by r),
					           received_at = least(s.received_at, :receivedAt)
					    from before where s.id = :id
					    returning before.received_at),
					touched as (update application set changed_at = now() where id = :application)
					select received_at from copied
					""")
			.param("id", submission.id())
			.param("application", submission.applicationId())
			.param("recipients", copy.recipients().toArray(String[]::new))
			.param("receivedAt", Timestamp.from(copy.receivedAt()))
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	/**
	 * A member's forward of a copy Guichet also received directly: both times and the
	 * member are shown.
	 */
	void markForwarded(UUID submissionId, Submitted forward) {
		jdbc.sql("""
				update submission set forwarded_by = coalesce(forwarded_by, :member),
				       forward_received_at = coalesce(forward_received_at, :forwardReceivedAt)
				where id = :id
				""")
			.param("id", submissionId)
			.param("member", forward.forwardedBy())
			.param("forwardReceivedAt", Timestamp.from(forward.forwardReceivedAt()))
			.update();
		addFlag(List.of(submissionId), Flag.FORWARDED);
	}

	/**
	 * The deadline judged again on an earlier receive time: the status, and the flags
	 * that follow from it ({@link Flag#judged}).
	 */
	void judgeDeadlineAgain(UUID submissionId, DeadlineStatus status) {
		Set<Flag> flags = jdbc.sql("select flags from submission where id = :id for update")
			.param("id", submissionId)
			.query((rs, n) -> Flag.setOf(Arrays.asList((String[]) rs.getArray(1).getArray())))
			.single();
		jdbc.sql("update submission set deadline_status = :status, flags = :flags where id = :id")
			.param("id", submissionId)
			.param("status", status.name())
			.param("flags", Flag.namesOf(Flag.judged(flags, status)).toArray(String[]::new))
			.update();
	}

	/**
	 * Other senders' submissions with a Message-ID just filed again: flagged, and shown
	 * in the next digest (issue #17).
	 * @return their applications
	 */
	List<UUID> flagMessageIdReused(List<UUID> submissionIds) {
		return addFlag(submissionIds, Flag.MESSAGE_ID_REUSED);
	}

	private List<UUID> addFlag(List<UUID> submissionIds, Flag flag) {
		return jdbc
			.sql("""
					with flagged as (
					    update submission set flags = array(select distinct f from unnest(flags || cast(:flag as text)) f order by f)
					    where id = any(:ids) returning application_id)
					update application set changed_at = now() where id in (select application_id from flagged) returning id
					""")
			.param("ids", submissionIds.toArray(UUID[]::new))
			.param("flag", flag.name())
			.query(UUID.class)
			.list();
	}

}
