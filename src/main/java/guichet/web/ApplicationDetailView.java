package guichet.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import guichet.application.Application;
import guichet.application.Submission;
import guichet.web.ApplicationView.Applicant;
import guichet.web.ApplicationView.NoteView;

/**
 * {@code GET /api/applications/{id}}: the list's fields plus the note's text, every version, and what the committee
 * may want to check (the untrusted Date: header, other attachments, why the note could not be read, possible
 * duplicates).
 */
public record ApplicationDetailView(UUID id, Applicant applicant, String subject, Instant receivedAt,
		Instant latestReceivedAt, String language,
		Instant deadline, String deadlineStatus, NoteView note, int copies, List<String> addressedCommittee,
		List<String> missingCommittee, List<String> flags, int version, String status, String noteText,
		String noteProblem, List<String> otherAttachments, List<String> countries, Instant sentAt,
		String receivedAtSource, List<UUID> possibleDuplicates, List<VersionView> versions) {

	public record VersionView(int version, Instant receivedAt, String receivedAtSource, Instant sentAt, int copies,
			List<String> recipients, String language, Instant deadline, String deadlineStatus, NoteView note,
			String noteProblem, List<String> flags, String messageId, UUID messageUrlId) {

		static VersionView of(Submission submission) {
			return new VersionView(submission.getVersion(), submission.getReceivedAt(),
					submission.getReceivedAtSource(), submission.getSentAt(), submission.getCopies(),
					submission.getRecipients(), submission.getLanguage(), submission.getDeadline(),
					submission.getDeadlineStatus(), NoteView.of(submission), submission.getNoteProblem(),
					submission.flagNames(), submission.getMessageId(), submission.getFirstMessage());
		}

	}

	public static ApplicationDetailView of(Application application, List<String> committee, List<UUID> possibleDuplicates,
			String noteText) {
		ApplicationView view = ApplicationView.of(application, committee, !possibleDuplicates.isEmpty());
		Submission current = application.current();
		return new ApplicationDetailView(view.id(), view.applicant(), view.subject(), view.receivedAt(),
				view.latestReceivedAt(), view.language(), view.deadline(), view.deadlineStatus(), view.note(), view.copies(),
				view.addressedCommittee(), view.missingCommittee(), view.flags(), view.version(), view.status(),
				noteText, current.getNoteProblem(), current.getOtherAttachments(), current.getCountries(),
				current.getSentAt(), application.versions().get(0).getReceivedAtSource(), possibleDuplicates,
				application.versions().stream().map(VersionView::of).toList());
	}

}
