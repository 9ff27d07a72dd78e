package guichet.application;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import guichet.application.Filing.Outcome;
import guichet.deadline.CallProperties;
import guichet.dedup.Forward;
import guichet.intake.Mailboxes;
import guichet.untrusted.MessageValue;
import guichet.dedup.ContentFingerprint;
import guichet.dedup.Envelope;
import guichet.dedup.MergeProperties;
import guichet.dedup.NotAnApplication;
import guichet.intake.IntakeProperties;
import guichet.intake.MessageLedger;
import guichet.intake.MessageLedger.Recorded;
import guichet.intake.ReceivedMessage;
import guichet.language.Language;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Files a received message (docs/COMMITTEE.md, "How copies are merged"): the same
 * submission reaching several mailboxes or addresses becomes one application with more
 * copies; a different submission from the same applicant with the same subject becomes a
 * new version. The decision is taken in PostgreSQL, under a lock on the application's
 * row, so that two routes or two instances receiving copies at the same instant still
 * make one application.
 */
@Component
public class Clerk {

	private static final Session PARSING_SESSION = Session.getInstance(new Properties());

	private final MessageLedger ledger;

	private final Assessor assessor;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final MergeProperties merge;

	private final IntakeProperties intake;

	private final String guichetAddress;

	private final CommitteeProperties committee;

	private final Mailboxes mailboxes;

	private final CallProperties call;

	public Clerk(MessageLedger ledger, Assessor assessor, JdbcClient jdbc, TransactionTemplate transaction,
			ApplicationEventPublisher events, MergeProperties merge, IntakeProperties intake,
			@Value("${guichet.smtp.from:guichet@committee.example}") String guichetAddress,
			CommitteeProperties committee, Mailboxes mailboxes, CallProperties call) {
		this.committee = committee;
		this.mailboxes = mailboxes;
		this.call = call;
		this.ledger = ledger;
		this.assessor = assessor;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.events = events;
		this.merge = merge;
		this.intake = intake;
		this.guichetAddress = Envelope.normaliseAddress(guichetAddress);
	}

	/**
	 * Files one message; safe to call again with the same message, which then changes
	 * nothing.
	 */
	public Filing file(ReceivedMessage received) {
		return file(received, false);
	}

	/**
	 * Files one message, unless another route is filing the same application at this
	 * instant: then the message is left pending ({@link Outcome#DEFERRED}) for the
	 * mailbox's next poll, and this route goes on with its other messages. The four
	 * mailboxes hold the copies in the same order, so waiting would make every route wait
	 * in turn while one reads the note; deferring lets them read different notes at once,
	 * and the deferred copy merges cheaply a moment later (issue #7).
	 */
	public Filing fileOrDefer(ReceivedMessage received) {
		return file(received, true);
	}

	private Filing file(ReceivedMessage received, boolean deferIfBusy) {
		MimeMessage mime = parse(received.raw());
		Envelope envelope = envelopeOf(mime);
		Recorded recorded = ledger.record(received, envelope);
		if (recorded.state().isSettled()) {
			return Filing.of(Outcome.ALREADY_FILED, recorded.id());
		}
		return fileRecorded(recorded.id(), received, mime, envelope, deferIfBusy);
	}

	/**
	 * Keeps a message as ignored, with a reason an admin reads: for filter steps an admin
	 * adds to the intake route.
	 */
	public Filing ignore(ReceivedMessage received, String reason) {
		MimeMessage mime = parse(received.raw());
		Envelope envelope = envelopeOf(mime);
		Recorded recorded = ledger.record(received, envelope);
		if (recorded.state().isSettled()) {
			return Filing.of(Outcome.ALREADY_FILED, recorded.id());
		}
		ledger.markIgnored(recorded.id(), reason);
		return new Filing(Outcome.IGNORED, recorded.id(), null, null, reason);
	}

	/**
	 * Files a message that is already in the ledger, from its stored bytes: an admin's
	 * retry.
	 */
	public Filing refile(UUID messageId, ReceivedMessage received) {
		MimeMessage mime = parse(received.raw());
		Envelope envelope = envelopeOf(mime);
		return fileRecorded(messageId, received, mime, envelope, false);
	}

	private Filing fileRecorded(UUID messageId, ReceivedMessage received, MimeMessage mime, Envelope envelope,
			boolean deferIfBusy) {
		if (received.raw().length > intake.maxMessageSize().toBytes()) {
			return quarantine(messageId, "TOO_LARGE: the message has " + received.raw().length
					+ " bytes, more than guichet.intake.max-message-size (" + intake.maxMessageSize() + ")");
		}
		if (mime == null) {
			return quarantine(messageId, "UNPARSABLE: not readable as an email message");
		}
		Optional<String> notAnApplication = NotAnApplication.reasonFor(mime, envelope, guichetAddress);
		if (notAnApplication.isPresent()) {
			ledger.markIgnored(messageId, notAnApplication.get());
			return new Filing(Outcome.IGNORED, messageId, null, null, notAnApplication.get());
		}
		if (!envelope.hasSender()) {
			return quarantine(messageId, "NO_SENDER: the message has no From address, so there is nobody to answer");
		}
		Submitted submitted;
		if (committee.addresses().contains(envelope.sender())) {
			Either forward = forwardedBy(envelope, mime, received);
			if (forward.outcome() != null) {
				return forward.outcome().apply(messageId);
			}
			submitted = forward.submitted();
		}
		else {
			submitted = new Submitted(mime, envelope, received.receivedAt(), received.reception().source().name(),
					arrivedAt(received, envelope), null, null, true);
		}
		// decodes and hashes every attachment: only needed when the Message-ID does not
		// already name a submission
		Supplier<String> fingerprint = SingletonSupplier
			.of(() -> ContentFingerprint.of(submitted.mime(), received.raw()));
		try {
			return transaction.execute(status -> fileInTransaction(messageId, submitted, fingerprint, deferIfBusy));
		}
		catch (DataAccessException ex) {
			if (!deferIfBusy || !isLockNotAvailable(ex)) {
				throw ex;
			}
			// nothing was written: the transaction rolled back before reading the note
			return Filing.of(Outcome.DEFERRED, messageId);
		}
	}

	/**
	 * What one message submits: the message the note is read from, who the applicant is,
	 * when the committee got it, to whom it was sent and, for a member's forward, who
	 * forwarded it (issue #17).
	 *
	 * @param receivedAt the time the deadline is judged on: the server's, or the time a
	 * member's forward states
	 * @param recipients the committee addresses it reached: To, Cc, and where the copies
	 * arrived
	 * @param applicantConfirmed whether the applicant's address is certain enough to
	 * acknowledge
	 */
	record Submitted(MimeMessage mime, Envelope envelope, Instant receivedAt, String receivedAtSource,
			List<String> recipients, String forwardedBy, Instant forwardReceivedAt, boolean applicantConfirmed) {

		boolean isForward() {
			return forwardedBy != null;
		}

	}

	/**
	 * A member's message: the forwarded application it carries, or what becomes of the
	 * message instead.
	 */
	private record Either(Submitted submitted, java.util.function.Function<UUID, Filing> outcome) {
	}

	/**
	 * Mail from a committee member is never the member's application (issue #17): a
	 * forward is the original sender's, judged on the time the member's copy states
	 * (never later than the forward itself reached Guichet); anything else is the
	 * member's own mail, ignored with its reason.
	 */
	private Either forwardedBy(Envelope member, MimeMessage mime, ReceivedMessage received) {
		Optional<Forward> found = Forward.in(mime, call.timezone());
		if (found.isEmpty()) {
			String reason = "MEMBER_MAIL: from committee member " + member.sender()
					+ ", and not a forwarded application (no attached message, no forward header block read)";
			return new Either(null, id -> ignore(id, reason));
		}
		Forward forward = found.get();
		if (forward.sender() == null) {
			String reason = "FORWARD_WITHOUT_ADDRESS: forwarded by committee member " + member.sender() + " ("
					+ forward.shape() + "), but no address could be read on its From line";
			return new Either(null, id -> quarantine(id, reason));
		}
		if (committee.addresses().contains(forward.sender()) || forward.sender().equals(guichetAddress)) {
			String reason = "MEMBER_MAIL: committee member " + member.sender() + " forwarded mail from "
					+ forward.sender() + ", which is not an application";
			return new Either(null, id -> ignore(id, reason));
		}
		Instant serverTime = received.receivedAt();
		Instant stated = forward.statedAt();
		boolean useStated = stated != null && !stated.isAfter(serverTime);
		Envelope original = new Envelope(forward.sender(), forward.senderName(), forward.subject(), forward.messageId(),
				forward.recipients(), forward.statedAt());
		Set<String> recipients = new LinkedHashSet<>(original.recipients());
		// the member had it: forwarding it proves so
		recipients.add(member.sender());
		return new Either(new Submitted(forward.message(), original, useStated ? stated : serverTime,
				useStated ? "FORWARD_STATED" : received.reception().source().name(), List.copyOf(recipients),
				member.sender(), serverTime, forward.confirmed()), null);
	}

	/**
	 * The committee addresses a copy reached: its To and Cc, the member whose mailbox it
	 * was found in, and the topmost Delivered-To and X-Original-To, which the receiving
	 * server writes (an application sent in Bcc).
	 */
	private List<String> arrivedAt(ReceivedMessage received, Envelope envelope) {
		List<String> members = committee.addresses();
		Set<String> recipients = new LinkedHashSet<>(envelope.recipients());
		mailboxes.all()
			.stream()
			.filter(mailbox -> mailbox.name().equals(received.mailbox()))
			.findFirst()
			.map(mailbox -> mailbox.memberAmong(members))
			.ifPresent(recipients::add);
		envelope.deliveredTo().stream().filter(members::contains).forEach(recipients::add);
		return List.copyOf(recipients);
	}

	private Filing ignore(UUID messageId, String reason) {
		ledger.markIgnored(messageId, reason);
		return new Filing(Outcome.IGNORED, messageId, null, null, reason);
	}

	/**
	 * What {@link #fileOrDefer} holds while filing: the applicant and subject, as an
	 * advisory lock's key.
	 */
	static String filingKey(Envelope envelope) {
		return "filing:" + envelope.sender() + ":" + envelope.subjectKey();
	}

	/**
	 * PostgreSQL's lock_not_available (55P03, from NOWAIT); Spring's
	 * CannotAcquireLockException also has others.
	 */
	private static boolean isLockNotAvailable(DataAccessException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private Filing quarantine(UUID messageId, String reason) {
		ledger.markQuarantined(messageId, reason);
		return new Filing(Outcome.QUARANTINED, messageId, null, null, reason);
	}

	private Filing fileInTransaction(UUID messageId, Submitted submitted, Supplier<String> fingerprint,
			boolean deferIfBusy) {
		Envelope envelope = submitted.envelope();
		// Every filing holds the applicant-and-subject key for its transaction, so that
		// two filings of one application
		// never meet on its rows. Another route filing it at this instant (the four
		// mailboxes hold the copies in the
		// same order) is most often reading its note: deferring, leave this copy at once,
		// in one statement, rather
		// than wait and roll back; filing without deferring (an admin's re-filing), wait
		// for it.
		String key = filingKey(envelope);
		if (deferIfBusy) {
			boolean free = jdbc.sql("select pg_try_advisory_xact_lock(hashtext(:key))")
				.param("key", key)
				.query(Boolean.class)
				.single();
			if (!free) {
				return Filing.of(Outcome.DEFERRED, messageId);
			}
		}
		else {
			jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", key).query().listOfRows();
		}
		// A row held by a transaction that did not take the key (a Message-ID filed under
		// another subject) defers a
		// deferring copy too (NOWAIT), and is waited for otherwise.
		String nowait = deferIfBusy ? " nowait" : "";
		// Claim the message: another route or instance filing the same fetched message
		// waits here, then finds it filed.
		String state = jdbc.sql("select state from message where id = :id for update" + nowait)
			.param("id", messageId)
			.query(String.class)
			.single();
		if (!MessageLedger.State.PENDING.name().equals(state)) {
			return Filing.of(Outcome.ALREADY_FILED, messageId);
		}
		Optional<UUID> answered = submitted.isForward() ? Optional.empty() : answeredApplication(envelope);
		LockedApplication locked = answered.isPresent() ? lockById(answered.get(), nowait)
				: lockApplication(envelope, nowait);
		UUID applicationId = locked.id();
		Instant receivedAt = submitted.receivedAt();

		Optional<ExistingSubmission> same = locked.byMessageId().isPresent() ? locked.byMessageId()
				: sameSubmission(applicationId, envelope, fingerprint, receivedAt);
		if (same.isPresent()) {
			if (!same.get().applicationId().equals(applicationId)) {
				// the Message-ID belongs to another application: drop the empty one this
				// message had opened
				jdbc.sql("delete from application where id = :id and version = 0").param("id", applicationId).update();
			}
			addCopy(same.get(), submitted);
			ledger.markFiled(messageId, same.get().id());
			return new Filing(Outcome.COPY, messageId, same.get().applicationId(), same.get().id(), null);
		}
		Optional<UUID> correspondenceCopy = correspondenceWithMessageId(applicationId, envelope.messageId());
		if (correspondenceCopy.isPresent()) {
			jdbc.sql("update correspondence set copies = copies + 1 where id = :id")
				.param("id", correspondenceCopy.get())
				.update();
			ledger.markCorrespondence(messageId, correspondenceCopy.get());
			return new Filing(Outcome.CORRESPONDENCE, messageId, applicationId, null, null);
		}

		Assessment assessment = assessor.assess(submitted.mime(), receivedAt);
		if (!assessment.reading().hasNote() && (answered.isPresent() || latestHasNote(applicationId))) {
			// a thank-you, a question, a later message without a note: it belongs to the
			// application, but never
			// replaces the version the committee judges (issue #17)
			String reason = answered.isPresent() ? "REPLY_TO_GUICHET" : "NO_NOTE";
			UUID correspondenceId = addCorrespondence(applicationId, messageId, submitted, reason, assessment);
			ledger.markCorrespondence(messageId, correspondenceId);
			return new Filing(Outcome.CORRESPONDENCE, messageId, applicationId, null, reason);
		}

		int version = jdbc.sql("update application set version = version + 1, changed_at = now(), "
				+ "applicant_name = coalesce(:name, applicant_name), subject = :subject where id = :id returning version")
			.param("id", applicationId)
			.param("name", envelope.senderName())
			.param("subject", envelope.subject())
			.query(Integer.class)
			.single();
		List<UUID> reusedBy = otherSubmissionsWithMessageId(envelope);
		Set<Flag> identityFlags = EnumSet.noneOf(Flag.class);
		if (submitted.isForward()) {
			identityFlags.add(Flag.FORWARDED);
		}
		if (!reusedBy.isEmpty()) {
			identityFlags.add(Flag.MESSAGE_ID_REUSED);
			flagReuse(reusedBy);
		}
		UUID submissionId = UUID.randomUUID();
		insertSubmission(submissionId, applicationId, version, messageId, submitted, fingerprint,
				assessment.withFlags(identityFlags));
		ledger.markFiled(messageId, submissionId);
		events.publishEvent(new ApplicationReceived(applicationId, submissionId, version));
		return new Filing(Outcome.NEW_SUBMISSION, messageId, applicationId, submissionId, null);
	}

	/**
	 * The application whose acknowledgement this message answers: its In-Reply-To or
	 * References names the Message-ID of an acknowledgement Guichet wrote (the outbox,
	 * not any Message-ID), and it comes from that application's own applicant. Anyone
	 * else's reply is their own message.
	 */
	private Optional<UUID> answeredApplication(Envelope envelope) {
		if (envelope.references().isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select a.id from outbox o
				join submission s on s.id = cast(o.cause as uuid)
				join application a on a.id = s.application_id
				where o.kind = 'ACKNOWLEDGEMENT' and lower(o.message_id) = any(:references)
				  and a.applicant_email = :sender
				order by o.created_at desc limit 1
				""")
			.param("references",
					envelope.references()
						.stream()
						.map(id -> id.toLowerCase(java.util.Locale.ROOT))
						.toArray(String[]::new))
			.param("sender", envelope.sender())
			.query(UUID.class)
			.optional();
	}

	private LockedApplication lockById(UUID applicationId, String nowait) {
		jdbc.sql("select id from application where id = :id for update" + nowait)
			.param("id", applicationId)
			.query(UUID.class)
			.single();
		return new LockedApplication(applicationId, Optional.empty());
	}

	private boolean latestHasNote(UUID applicationId) {
		return jdbc.sql("""
				select note_source is not null from submission where application_id = :id
				order by version desc limit 1
				""").param("id", applicationId).query(Boolean.class).optional().orElse(false);
	}

	private Optional<UUID> correspondenceWithMessageId(UUID applicationId, String messageId) {
		if (messageId == null) {
			return Optional.empty();
		}
		return jdbc.sql("select id from correspondence where application_id = :application and message_id = :messageId")
			.param("application", applicationId)
			.param("messageId", messageId)
			.query(UUID.class)
			.optional();
	}

	private UUID addCorrespondence(UUID applicationId, UUID messageId, Submitted submitted, String reason,
			Assessment assessment) {
		UUID id = UUID.randomUUID();
		String excerpt = MessageValue.TEXT.clean(assessment.reading().languageText());
		jdbc.sql("""
				insert into correspondence (id, application_id, first_message, message_id, sender, subject, received_at,
				    reason, excerpt)
				values (:id, :application, :message, :messageId, :sender, :subject, :receivedAt, :reason, :excerpt)
				""")
			.param("id", id)
			.param("application", applicationId)
			.param("message", messageId)
			.param("messageId", submitted.envelope().messageId())
			.param("sender", submitted.envelope().sender())
			.param("subject", submitted.envelope().subject())
			.param("receivedAt", Timestamp.from(submitted.receivedAt()))
			.param("reason", reason)
			.param("excerpt", excerpt.length() > MAX_EXCERPT ? excerpt.substring(0, MAX_EXCERPT) + "…" : excerpt)
			.update();
		return id;
	}

	/** Enough of a reply to see what it says; the whole message is one click away. */
	private static final int MAX_EXCERPT = 2000;

	/**
	 * Submissions of other applicants with this message's Message-ID: a sender chooses
	 * its Message-ID, so the same one from someone else is never a copy (issue #17), only
	 * a reuse the committee is told about.
	 */
	private List<UUID> otherSubmissionsWithMessageId(Envelope envelope) {
		if (envelope.messageId() == null) {
			return List.of();
		}
		return jdbc.sql("select id from submission where message_id = :messageId and applicant_email <> :sender")
			.param("messageId", envelope.messageId())
			.param("sender", envelope.sender())
			.query(UUID.class)
			.list();
	}

	private void flagReuse(List<UUID> submissions) {
		jdbc.sql(
				"""
						with flagged as (
						    update submission set flags = array(select distinct f from unnest(flags || array['MESSAGE_ID_REUSED']) f order by f)
						    where id = any(:ids) returning application_id)
						update application set changed_at = now() where id in (select application_id from flagged)
						""")
			.param("ids", submissions.toArray(UUID[]::new))
			.update();
	}

	/**
	 * The application this message belongs to, locked for this transaction: the one
	 * holding its Message-ID (returned too, so that a copy needs no second look), else
	 * the applicant's application with this subject, created if new. Concurrent copies
	 * wait here for each other.
	 */
	private LockedApplication lockApplication(Envelope envelope, String nowait) {
		if (envelope.messageId() != null) {
			// the submission holding the Message-ID, and its application locked, in one
			// statement
			Optional<ExistingSubmission> byMessageId = jdbc.sql("""
					select s.id, s.application_id, s.language from submission s
					join application a on a.id = s.application_id
					where s.message_id = :messageId and s.applicant_email = :sender
					for update of a""" + nowait)
				.param("messageId", envelope.messageId())
				.param("sender", envelope.sender())
				.query(ExistingSubmission.ROWS)
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
					+ "for update" + nowait)
			.param("email", envelope.sender())
			.param("subjectKey", envelope.subjectKey())
			.query(UUID.class)
			.single();
		return new LockedApplication(id, Optional.empty());
	}

	/**
	 * An application locked for this transaction, and the submission that already holds
	 * the message's Message-ID.
	 */
	record LockedApplication(UUID id, Optional<ExistingSubmission> byMessageId) {
	}

	private Optional<ExistingSubmission> submissionWithMessageId(String messageId, String sender) {
		return jdbc
			.sql("select id, application_id, language from submission "
					+ "where message_id = :messageId and applicant_email = :sender")
			.param("messageId", messageId)
			.param("sender", sender)
			.query(ExistingSubmission.ROWS)
			.optional();
	}

	record ExistingSubmission(UUID id, UUID applicationId, String language) {

		/** From the columns id, application_id and language of submission. */
		static final RowMapper<ExistingSubmission> ROWS = (rs, n) -> new ExistingSubmission(
				rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class), rs.getString("language"));

	}

	/**
	 * Rule 1: the same Message-ID from the same applicant, looked up again now that the
	 * application is locked (a copy filed by another route while this one waited for the
	 * lock); rule 2: the same content from the same applicant within the merge window.
	 */
	private Optional<ExistingSubmission> sameSubmission(UUID applicationId, Envelope envelope,
			Supplier<String> fingerprint, Instant receivedAt) {
		String messageId = envelope.messageId();
		if (messageId != null) {
			Optional<ExistingSubmission> byMessageId = submissionWithMessageId(messageId, envelope.sender());
			if (byMessageId.isPresent()) {
				return byMessageId;
			}
		}
		return jdbc.sql("""
				select id, application_id, language from submission
				where application_id = :application and fingerprint = :fingerprint
				  and received_at between :from and :to
				order by version desc limit 1
				""")
			.param("application", applicationId)
			.param("fingerprint", fingerprint.get())
			.param("from", Timestamp.from(receivedAt.minus(merge.window())))
			.param("to", Timestamp.from(receivedAt.plus(merge.window())))
			.query(ExistingSubmission.ROWS)
			.optional();
	}

	private void addCopy(ExistingSubmission submission, Submitted submitted) {
		Instant receivedAt = submitted.receivedAt();
		// A copy that reached another mailbox earlier decides the receive time, and so
		// perhaps the deadline status.
		// The row is locked first, so that the time returned is the latest even when this
		// submission's application
		// is not the one this transaction locked (a Message-ID filed under another
		// subject). The application's
		// changed_at puts it in the next digest.
		Instant before = jdbc
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
			.param("recipients", submitted.recipients().toArray(String[]::new))
			.param("receivedAt", Timestamp.from(receivedAt))
			.query(Timestamp.class)
			.single()
			.toInstant();
		if (submitted.isForward()) {
			// a member's forward of a copy Guichet also received directly: both times and
			// the member are shown
			jdbc.sql("""
					update submission set forwarded_by = coalesce(forwarded_by, :member),
					       forward_received_at = coalesce(forward_received_at, :forwardReceivedAt),
					       flags = array(select distinct f from unnest(flags || array['FORWARDED']) f order by f)
					where id = :id
					""")
				.param("id", submission.id())
				.param("member", submitted.forwardedBy())
				.param("forwardReceivedAt", Timestamp.from(submitted.forwardReceivedAt()))
				.update();
		}
		if (receivedAt.isBefore(before) && submission.language() != null) {
			var status = assessor.statusOf(receivedAt, Language.valueOf(submission.language().toUpperCase()));
			jdbc.sql(
					"""
							update submission set deadline_status = :status,
							       flags = case when :late then array(select distinct f from unnest(flags || array['LATE']) f order by f)
							                    else array_remove(flags, 'LATE') end
							where id = :id
							""")
				.param("id", submission.id())
				.param("status", status.name())
				.param("late", status.name().equals("LATE"))
				.update();
		}
	}

	private void insertSubmission(UUID submissionId, UUID applicationId, int version, UUID messageId,
			Submitted submitted, Supplier<String> fingerprint, Assessment assessment) {
		Envelope envelope = submitted.envelope();
		var insert = jdbc.sql("""
				insert into submission (id, application_id, applicant_email, version, message_id, fingerprint,
				    first_message, received_at, received_at_source, sent_at, copies, recipients, analysed_at,
				    note_filename, note_media_type, note_page_count, note_source, note_text_length, note_problem,
				    other_attachments, language, detected_language, deadline, deadline_status, countries, flags,
				    forwarded_by, forward_received_at, applicant_confirmed)
				values (:id, :application, :applicant, :version, :messageId, :fingerprint,
				    :firstMessage, :receivedAt, :source, :sentAt, 1, :recipients, now(),
				    :filename, :mediaType, :pageCount, :noteSource, :textLength, :problem,
				    :others, :language, :detected, :deadline, :status, :countries, :flags,
				    :forwardedBy, :forwardReceivedAt, :confirmed)
				""")
			.param("id", submissionId)
			.param("application", applicationId)
			.param("applicant", envelope.sender())
			.param("version", version)
			.param("messageId", envelope.messageId())
			.param("fingerprint", fingerprint.get())
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
	 * The envelope of a message, or an empty one for bytes that are not readable as mail.
	 */
	private static Envelope envelopeOf(MimeMessage mime) {
		return mime == null ? Envelope.empty() : Envelope.of(mime);
	}

	/**
	 * Parsed over the bytes themselves (a shared stream): the body is not copied, its
	 * parts are read in place.
	 */
	static MimeMessage parse(byte[] raw) {
		try {
			MimeMessage message = new MimeMessage(PARSING_SESSION, new SharedByteArrayInputStream(raw));
			message.getAllHeaders();
			return message;
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

}
