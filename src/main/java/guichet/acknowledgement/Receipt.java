package guichet.acknowledgement;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import guichet.application.Flag;

/**
 * What Guichet received from an applicant and what the committee will notice about it:
 * everything an acknowledgement says.
 *
 * @param messageId the applicant's Message-ID, without angle brackets, or {@code null}
 * @param language {@code fr}, {@code en} or {@code unknown}
 * @param noteProblem why the note could not be read, or {@code null}
 * @param missingCommittee the committee members the applicant did not write to, as mails
 * name them ("Christophe Teissier (ASTREES / Sharers&Workers)")
 */
record Receipt(String applicantEmail, String applicantName, String subject, String messageId, int version,
		String language, Instant receivedAt, Instant deadline, String noteFilename, Integer notePageCount,
		String noteProblem, Set<Flag> flags, List<String> missingCommittee) {

	Receipt withApplicantName(String name) {
		return new Receipt(applicantEmail, name, subject, messageId, version, language, receivedAt, deadline,
				noteFilename, notePageCount, noteProblem, flags, missingCommittee);
	}

	boolean has(Flag flag) {
		return flags.contains(flag);
	}

	boolean isResubmission() {
		return version > 1;
	}

	boolean isInFrench() {
		return "fr".equals(language);
	}

	boolean isInEnglish() {
		return "en".equals(language);
	}

}
