package guichet.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import guichet.dedup.Envelope;
import guichet.dedup.MergeProperties;

import org.springframework.stereotype.Component;

/**
 * How copies are merged: the rules of docs/COMMITTEE.md ("How copies are merged"), in the
 * order they are applied. The clerk asks them under the filing lock, once the application
 * of the sender and subject is locked; the answers come from {@link Submissions} and
 * {@link Correspondences}.
 * <ol>
 * <li>The same Message-ID from the same sender is a copy; from another sender, never.
 * <li>The same content from the same sender and subject within
 * {@code guichet.merge.window} is a copy.
 * <li>Anything else from that sender with that subject is a new version.
 * <li>Different senders are never merged: every question here names the sender, or the
 * sender's application ({@code POSSIBLE_DUPLICATE} is {@link Applications}' question).
 * <li>Who was left out is {@link CommitteeProperties#leftOut}'s answer.
 * <li>A reply to Guichet's acknowledgement, or a later message without a note, is
 * correspondence of the application, never a new version.
 * </ol>
 */
@Component
class MergeRules {

	private final Submissions submissions;

	private final Correspondences correspondences;

	private final Duration window;

	MergeRules(Submissions submissions, Correspondences correspondences, MergeProperties merge) {
		this.submissions = submissions;
		this.correspondences = correspondences;
		this.window = merge.window();
	}

	/** What a message is to the application it was filed under. */
	sealed interface Merge permits Copy, CopyOfCorrespondence, Correspondence, NewVersion {

	}

	/** Rules 1 and 2: another copy of a submission already filed. */
	record Copy(FiledSubmission of) implements Merge {
	}

	/** Another copy of a message already filed as correspondence. */
	record CopyOfCorrespondence(UUID correspondenceId) implements Merge {
	}

	/** Rule 6: belongs to the application without being a version of it. */
	record Correspondence(CorrespondenceReason reason) implements Merge {
	}

	/**
	 * Rule 3: a new version.
	 *
	 * @param flags what the committee is told about who sent it: {@code FORWARDED},
	 * {@code MESSAGE_ID_REUSED}
	 * @param messageIdReusedBy other senders' submissions with its Message-ID, to be
	 * flagged too
	 */
	record NewVersion(Set<Flag> flags, List<UUID> messageIdReusedBy) implements Merge {
	}

	/**
	 * Rule 6: the application whose acknowledgement this message answers, if it comes
	 * from that application's applicant. A member's forward answers nothing: it is the
	 * original sender's application.
	 */
	Optional<UUID> applicationAnswered(Submitted submitted) {
		Envelope envelope = submitted.envelope();
		if (submitted.isForward() || envelope.references().isEmpty()) {
			return Optional.empty();
		}
		return correspondences.applicationAnsweredBy(envelope.sender(), envelope.references());
	}

	/**
	 * @param application the application of the sender and subject (or the one answered),
	 * locked
	 * @param fingerprint the message's content, computed only if rule 2 is asked
	 * @param answers whether it answers that application's acknowledgement
	 * @param hasNote whether a note was found in it, read only when the rules need it
	 */
	Merge merge(Submitted submitted, FilingLock.LockedApplication application, Supplier<String> fingerprint,
			boolean answers, BooleanSupplier hasNote) {
		Envelope envelope = submitted.envelope();
		Optional<FiledSubmission> same = sameMessageIdFromSameSender(envelope, application)
			.or(() -> sameContentWithinWindow(application.id(), fingerprint.get(), submitted.receivedAt()));
		if (same.isPresent()) {
			return new Copy(same.get());
		}
		Optional<UUID> correspondence = envelope.messageId() == null ? Optional.empty()
				: correspondences.ofApplicationWithMessageId(application.id(), envelope.messageId());
		if (correspondence.isPresent()) {
			return new CopyOfCorrespondence(correspondence.get());
		}
		if (!hasNote.getAsBoolean()) {
			if (answers) {
				return new Correspondence(CorrespondenceReason.REPLY_TO_GUICHET);
			}
			if (submissions.latestOfApplicationHasNote(application.id())) {
				return new Correspondence(CorrespondenceReason.NO_NOTE);
			}
		}
		return newVersion(submitted);
	}

	/**
	 * Rule 1, as found when the application was locked, or asked again now that it is (a
	 * copy filed by another route while this one waited for the lock).
	 */
	private Optional<FiledSubmission> sameMessageIdFromSameSender(Envelope envelope,
			FilingLock.LockedApplication application) {
		if (application.byMessageId().isPresent() || envelope.messageId() == null) {
			return application.byMessageId();
		}
		return submissions.fromSenderWithMessageId(envelope.sender(), envelope.messageId());
	}

	/**
	 * Rule 2: within the application (same sender, same subject), the latest version with
	 * this content that arrived within the merge window of this message.
	 */
	private Optional<FiledSubmission> sameContentWithinWindow(UUID applicationId, String fingerprint,
			Instant receivedAt) {
		Instant from = receivedAt.minus(window);
		Instant to = receivedAt.plus(window);
		return submissions.ofApplicationWithContent(applicationId, fingerprint)
			.stream()
			.filter(filed -> !filed.receivedAt().isBefore(from) && !filed.receivedAt().isAfter(to))
			.max(Comparator.comparingInt(FiledSubmission::version));
	}

	/**
	 * Rule 3, and rule 1 for other senders: a sender chooses its Message-ID, so the same
	 * one from someone else is never a copy, only a reuse the committee is told about
	 * (issue #17).
	 */
	private NewVersion newVersion(Submitted submitted) {
		Envelope envelope = submitted.envelope();
		List<UUID> reusedBy = envelope.messageId() == null ? List.of()
				: submissions.ofOtherSendersWithMessageId(envelope.sender(), envelope.messageId());
		Set<Flag> flags = EnumSet.noneOf(Flag.class);
		if (submitted.isForward()) {
			flags.add(Flag.FORWARDED);
		}
		if (!reusedBy.isEmpty()) {
			flags.add(Flag.MESSAGE_ID_REUSED);
		}
		return new NewVersion(flags, reusedBy);
	}

}
