package guichet.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import guichet.application.Application;
import guichet.application.Flag;
import guichet.application.Submission;
import guichet.deadline.DeadlineStatus;
import guichet.note.NoteSource;

/**
 * An application as the API shows it, field for field as CONTRACT §3 says.
 *
 * @param receivedAt when the application first reached a committee mailbox: the list's
 * order (CONTRACT §3)
 * @param latestReceivedAt when its latest version did, which is what its deadline is
 * judged on; equal to {@code receivedAt} for a first version
 * @param organisation the applicant's organisation when the latest version's note or
 * signature names one, else {@code null} (issue #21; added to CONTRACT §3's fields)
 */
public record ApplicationView(UUID id, Applicant applicant, String subject, Instant receivedAt,
		Instant latestReceivedAt, String language, Instant deadline, DeadlineStatus deadlineStatus, NoteView note,
		int copies, List<String> addressedCommittee, List<String> missingCommittee, List<Flag> flags, int version,
		String status, String organisation) {

	public record Applicant(String email, String name) {
	}

	public record NoteView(String filename, String mediaType, Integer pageCount, NoteSource source,
			Integer textLength) {

		static NoteView of(Submission submission) {
			return submission.hasNote()
					? new NoteView(submission.getNoteFilename(), submission.getNoteMediaType(),
							submission.getNotePageCount(), submission.getNoteSource(), submission.getNoteTextLength())
					: null;
		}

	}

	public static ApplicationView of(Application application, List<String> committee, boolean possibleDuplicate) {
		Submission current = application.current();
		return new ApplicationView(application.getId(),
				new Applicant(application.getApplicantEmail(), application.getApplicantName()),
				application.getSubject(), application.firstReceivedAt(), current.getReceivedAt(), current.getLanguage(),
				current.getDeadline(), current.getDeadlineStatus(), NoteView.of(current), current.getCopies(),
				application.addressedCommittee(committee), application.missingCommittee(committee),
				application.flags(committee, possibleDuplicate).stream().sorted().toList(), application.getVersion(),
				application.getStatus(), current.getOrganisation());
	}

}
