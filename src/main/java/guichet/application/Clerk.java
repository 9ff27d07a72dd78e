package guichet.application;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.mail.internet.MimeMessage;

import guichet.application.Admission.Admitted;
import guichet.application.Admission.Refused;
import guichet.application.Filing.Outcome;
import guichet.application.FilingLock.LockedApplication;
import guichet.application.MergeRules.Copy;
import guichet.application.MergeRules.CopyOfCorrespondence;
import guichet.application.MergeRules.Correspondence;
import guichet.application.MergeRules.Merge;
import guichet.application.MergeRules.NewVersion;
import guichet.dedup.ContentFingerprint;
import guichet.dedup.Envelope;
import guichet.intake.MessageLedger;
import guichet.intake.MessageLedger.Recorded;
import guichet.intake.ReceivedMessage;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Files a received message (docs/COMMITTEE.md, "How copies are merged"): the same
 * submission reaching several mailboxes or addresses becomes one application with more
 * copies; a different submission from the same applicant with the same subject becomes a
 * new version. The steps each have their class: {@link Admission} (filed at all, and what
 * it submits), {@link FilingLock} (one filing of an application at a time),
 * {@link MergeRules} (copy, correspondence or new version), {@link Assessor} (the note,
 * its language and deadline), the rows written ({@link SubmissionRows},
 * {@link CorrespondenceRows}) and the flags the list reads ({@link StoredFlags}). The
 * decision is taken in PostgreSQL, under a lock on the application's row, so that two
 * routes or two instances receiving copies at the same instant still make one
 * application.
 */
@Component
public class Clerk {

	private final MessageLedger ledger;

	private final Admission admission;

	private final FilingLock lock;

	private final MergeRules rules;

	private final Assessor assessor;

	private final SubmissionRows submissions;

	private final CorrespondenceRows correspondences;

	private final StoredFlags storedFlags;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	Clerk(MessageLedger ledger, Admission admission, FilingLock lock, MergeRules rules, Assessor assessor,
			SubmissionRows submissions, CorrespondenceRows correspondences, StoredFlags storedFlags,
			TransactionTemplate transaction, ApplicationEventPublisher events) {
		this.ledger = ledger;
		this.admission = admission;
		this.lock = lock;
		this.rules = rules;
		this.assessor = assessor;
		this.submissions = submissions;
		this.correspondences = correspondences;
		this.storedFlags = storedFlags;
		this.transaction = transaction;
		this.events = events;
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
		MimeMessage mime = Submitted.parse(received.raw());
		Envelope envelope = Submitted.envelopeOf(mime);
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
		Envelope envelope = Submitted.envelopeOf(Submitted.parse(received.raw()));
		Recorded recorded = ledger.record(received, envelope);
		if (recorded.state().isSettled()) {
			return Filing.of(Outcome.ALREADY_FILED, recorded.id());
		}
		return refuse(recorded.id(), new Refused(Outcome.IGNORED, reason));
	}

	/**
	 * Files a message that is already in the ledger, from its stored bytes: an admin's
	 * retry.
	 */
	public Filing refile(UUID messageId, ReceivedMessage received) {
		MimeMessage mime = Submitted.parse(received.raw());
		return fileRecorded(messageId, received, mime, Submitted.envelopeOf(mime), false);
	}

	private Filing fileRecorded(UUID messageId, ReceivedMessage received, MimeMessage mime, Envelope envelope,
			boolean deferIfBusy) {
		Admission.Verdict verdict = admission.admit(received, mime, envelope);
		if (verdict instanceof Refused refused) {
			return refuse(messageId, refused);
		}
		Submitted submitted = ((Admitted) verdict).submitted();
		// decodes and hashes every attachment: only needed when the Message-ID does not
		// already name a submission
		Supplier<String> fingerprint = SingletonSupplier
			.of(() -> ContentFingerprint.of(submitted.mime(), received.raw()));
		try {
			return transaction.execute(status -> fileInTransaction(messageId, submitted, fingerprint, deferIfBusy));
		}
		catch (DataAccessException ex) {
			if (!deferIfBusy || !FilingLock.isLockNotAvailable(ex)) {
				throw ex;
			}
			// nothing was written: the transaction rolled back before reading the note
			return Filing.of(Outcome.DEFERRED, messageId);
		}
	}

	private Filing refuse(UUID messageId, Refused refused) {
		if (refused.outcome() == Outcome.QUARANTINED) {
			ledger.markQuarantined(messageId, refused.reason());
		}
		else {
			ledger.markIgnored(messageId, refused.reason());
		}
		return new Filing(refused.outcome(), messageId, null, null, refused.reason());
	}

	private Filing fileInTransaction(UUID messageId, Submitted submitted, Supplier<String> fingerprint,
			boolean deferIfBusy) {
		Envelope envelope = submitted.envelope();
		if (!lock.holdKey(envelope, deferIfBusy)) {
			return Filing.of(Outcome.DEFERRED, messageId);
		}
		if (!lock.claimMessage(messageId, deferIfBusy)) {
			return Filing.of(Outcome.ALREADY_FILED, messageId);
		}
		Optional<UUID> answered = rules.applicationAnswered(submitted);
		LockedApplication application = answered.isPresent() ? lock.lockById(answered.get(), deferIfBusy)
				: lock.lockOfSender(envelope, deferIfBusy);
		// read only when the rules need to know whether it has a note, or for a new
		// version: the costly step, done under the lock
		Supplier<Assessment> assessment = SingletonSupplier
			.of(() -> assessor.assess(submitted.mime(), submitted.receivedAt()));
		Merge merge = rules.merge(submitted, application, fingerprint, answered.isPresent(),
				() -> assessment.get().reading().hasNote());
		if (merge instanceof Copy copy) {
			return fileCopy(messageId, application, copy.of(), submitted);
		}
		if (merge instanceof CopyOfCorrespondence copy) {
			correspondences.addCopy(copy.correspondenceId());
			ledger.markCorrespondence(messageId, copy.correspondenceId());
			return new Filing(Outcome.CORRESPONDENCE, messageId, application.id(), null, null);
		}
		if (merge instanceof Correspondence correspondence) {
			// a thank-you, a question, a later message without a note: it belongs to the
			// application, but never replaces the version the committee judges (issue
			// #17)
			UUID correspondenceId = correspondences.add(application.id(), messageId, submitted, correspondence.reason(),
					assessment.get().reading().languageText());
			ledger.markCorrespondence(messageId, correspondenceId);
			return new Filing(Outcome.CORRESPONDENCE, messageId, application.id(), null,
					correspondence.reason().name());
		}
		NewVersion newVersion = (NewVersion) merge;
		int version = submissions.nextVersion(application.id(), envelope);
		UUID submissionId = UUID.randomUUID();
		submissions.insert(submissionId, application.id(), version, messageId, submitted, fingerprint.get(),
				assessment.get().withFlags(newVersion.flags()));
		storedFlags.judge(application.id());
		if (!newVersion.messageIdReusedBy().isEmpty()) {
			storedFlags.judge(submissions.flagMessageIdReused(newVersion.messageIdReusedBy()));
		}
		ledger.markFiled(messageId, submissionId);
		events.publishEvent(new ApplicationReceived(application.id(), submissionId, version));
		return new Filing(Outcome.NEW_SUBMISSION, messageId, application.id(), submissionId, null);
	}

	/**
	 * Another copy: a copy that reached another mailbox earlier decides the receive time,
	 * and so perhaps the deadline status.
	 */
	private Filing fileCopy(UUID messageId, LockedApplication application, FiledSubmission same, Submitted submitted) {
		if (!same.applicationId().equals(application.id())) {
			// the Message-ID belongs to another application: drop the empty one this
			// message had opened
			lock.dropIfEmpty(application.id());
		}
		Instant receivedAt = submitted.receivedAt();
		Instant before = submissions.addCopy(same, submitted);
		if (submitted.isForward()) {
			submissions.markForwarded(same.id(), submitted);
		}
		if (receivedAt.isBefore(before) && same.language() != null) {
			submissions.judgeDeadlineAgain(same.id(), assessor.statusOf(receivedAt, same.language()));
		}
		storedFlags.judge(same.applicationId());
		ledger.markFiled(messageId, same.id());
		return new Filing(Outcome.COPY, messageId, same.applicationId(), same.id(), null);
	}

}
