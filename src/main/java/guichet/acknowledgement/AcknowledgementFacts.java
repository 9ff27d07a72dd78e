package guichet.acknowledgement;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import guichet.application.Flag;
import guichet.deadline.CallProperties;
import guichet.deadline.DeadlineReason;
import guichet.language.Language;

/**
 * What one acknowledgement says, whatever its language: the facts of the receipt and the
 * problems the committee will see, each checked once here;
 * {@code templates/mail/acknowledgement.txt} puts them in the words of
 * {@code messages*.properties} for French, English or both.
 *
 * @param languageOfDeadline the language whose deadline applied: {@code fr}, {@code en}
 * or {@code unknown}
 * @param laterDeadline the other language's deadline when it is later (worth saying, as
 * applicants often count on it), else {@code null}
 */
public record AcknowledgementFacts(String name, boolean resubmission, int version, String subject, String noteFile,
		Integer notePages, String language, ZonedDateTime receivedAt, String zone, boolean late,
		String languageOfDeadline, LocalDate deadline, LocalDate laterDeadline, boolean noNote, boolean tooLong,
		int pageLimit, boolean unreadable, String noteProblem, boolean languageUnknown, List<String> missingCommittee) {

	static AcknowledgementFacts of(Receipt receipt, CallProperties call) {
		ZoneId zone = call.timezone();
		String language = receipt.isInFrench() ? "fr" : receipt.isInEnglish() ? "en" : "unknown";
		return new AcknowledgementFacts(receipt.applicantName(), receipt.isResubmission(), receipt.version(),
				receipt.subject(), receipt.noteFilename(), receipt.notePageCount(), language,
				receipt.receivedAt().atZone(zone), zone.getId(), receipt.has(Flag.LATE), language,
				receipt.deadline().atZone(zone).toLocalDate(), laterDeadlineOfOtherLanguage(receipt, call),
				receipt.has(Flag.NO_NOTE), receipt.has(Flag.NOTE_TOO_LONG), call.maxNotePages(),
				receipt.has(Flag.NOTE_UNREADABLE), receipt.noteProblem(), receipt.has(Flag.LANGUAGE_UNKNOWN),
				List.copyOf(receipt.missingCommittee()));
	}

	private static LocalDate laterDeadlineOfOtherLanguage(Receipt receipt, CallProperties call) {
		Language language = receipt.isInFrench() ? Language.FR : receipt.isInEnglish() ? Language.EN : Language.UNKNOWN;
		return DeadlineReason.laterDeadlineThatDoesNotApply(call, language);
	}

	public boolean hasProblems() {
		return late || noNote || tooLong || unreadable || languageUnknown || !missingCommittee.isEmpty();
	}

	/** The language whose later deadline does not apply: the other one. */
	public String languageOfLaterDeadline() {
		return "fr".equals(language) ? "en" : "fr";
	}

	public String missingMembers() {
		return String.join(", ", missingCommittee);
	}

}
