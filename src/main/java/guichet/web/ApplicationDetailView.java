package guichet.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import guichet.application.Application;
import guichet.application.Flag;
import guichet.application.Submission;
import guichet.deadline.DeadlineStatus;
import guichet.web.ApplicationView.Applicant;
import guichet.web.ApplicationView.NoteView;

/**
 * {@code GET /api/applications/{id}}: the list's fields plus the note's text, every
 * version, and what the committee may want to check (the untrusted Date: header, other
 * attachments, why the note could not be read, possible duplicates).
 */
public record ApplicationDetailView(UUID id, Applicant applicant, String subject, Instant receivedAt,
		Instant latestReceivedAt, String language, Instant deadline, DeadlineStatus deadlineStatus, NoteView note,
		int copies, List<String> addressedCommittee, List<String> missingCommittee, List<Flag> flags, int version,
		String status, String noteText, String noteProblem, List<String> otherAttachments, List<String> countries,
		Instant sentAt, String receivedAtSource, List<UUID> possibleDuplicates, List<VersionView> versions,
		String forwardedBy, Instant forwardReceivedAt, List<UUID> messageIdReusedBy,
		List<CorrespondenceView> correspondence, String organisation) {

	/**
	 * One version. For a member's forward, {@code receivedAt} is the time the member's
	 * copy states (the deadline's), {@code forwardReceivedAt} when the forward reached
	 * Guichet, and {@code forwardedBy} the member.
	 */
	public record VersionView(int version, Instant receivedAt, String receivedAtSource, Instant sentAt, int copies,
			List<String> recipients, String language, Instant deadline, DeadlineStatus deadlineStatus, NoteView note,
			String noteProblem, List<Flag> flags, String messageId, UUID messageUrlId, String forwardedBy,
			Instant forwardReceivedAt) {

		static VersionView of(Submission submission) {
			return new VersionView(submission.getVersion(), submission.getReceivedAt(),
					submission.getReceivedAtSource(), submission.getSentAt(), submission.getCopies(),
					submission.getRecipients(), submission.getLanguage(), submission.getDeadline(),
					submission.getDeadlineStatus(), NoteView.of(submission), submission.getNoteProblem(),
					List.copyOf(submission.flags()), submission.getMessageId(), submission.getFirstMessage(),
					submission.getForwardedBy(), submission.getForwardReceivedAt());
		}

	}

	/**
	 * A message that belongs to the application without being a version of it (issue
	 * #17): a reply to the acknowledgement ({@code REPLY_TO_GUICHET}) or a later message
	 * without a note ({@code NO_NOTE}). Its raw bytes are at
	 * {@code /api/messages/{messageUrlId}/raw}.
	 */
	public record CorrespondenceView(UUID id, Instant receivedAt, String sender, String subject, String reason,
			String excerpt, int copies, String messageId, UUID messageUrlId) {
	}

	/** The facts of intake, with the correspondence and any reuse of its Message-ID. */
	public static ApplicationDetailView of(Application application, List<String> committee,
			List<UUID> possibleDuplicates, String noteText, List<UUID> messageIdReusedBy,
			List<CorrespondenceView> correspondence) {
		ApplicationView view = ApplicationView.of(application, committee, !possibleDuplicates.isEmpty());
		Submission current = application.current();
		return new ApplicationDetailView(view.id(), view.applicant(), view.subject(), view.receivedAt(),
				view.latestReceivedAt(), view.language(), view.deadline(), view.deadlineStatus(), view.note(),
				view.copies(), view.addressedCommittee(), view.missingCommittee(), view.flags(), view.version(),
				view.status(), noteText, current.getNoteProblem(), current.getOtherAttachments(),
				current.getCountries(), current.getSentAt(), application.versions().get(0).getReceivedAtSource(),
				possibleDuplicates, application.versions().stream().map(VersionView::of).toList(),
				current.getForwardedBy(), current.getForwardReceivedAt(), messageIdReusedBy, correspondence,
				view.organisation());
	}

}
