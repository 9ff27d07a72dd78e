package guichet.acknowledgement;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import guichet.application.Flag;
import guichet.deadline.CallProperties;
import guichet.outbox.OutgoingMail;
import guichet.outbox.OutgoingMail.Kind;
import guichet.outbox.OutgoingMessage;
import guichet.outbox.SmtpProperties;
import guichet.untrusted.MessageValue;

import org.springframework.stereotype.Component;

/**
 * Writes the acknowledgement of one submission (CONTRACT §4): in the language of the note (both French and English
 * when it is unknown), as a reply in the applicant's thread, saying what was received and, in plain words, each
 * problem the committee will see. It is an automatic answer (RFC 3834: {@code Auto-Submitted: auto-replied}) and
 * asks for no reply.
 */
@Component
class AcknowledgementWriter {

	private static final DateTimeFormatter FRENCH_TIME = DateTimeFormatter.ofPattern("d MMMM uuuu 'à' HH:mm",
			Locale.FRENCH);

	private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.FRENCH);

	private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

	private final CallProperties call;

	private final SmtpProperties smtp;

	AcknowledgementWriter(CallProperties call, SmtpProperties smtp) {
		this.call = call;
		this.smtp = smtp;
	}

	OutgoingMail write(Receipt stored, UUID submissionId) {
		// cleaned again where it is used: no applicant-chosen line break reaches a header or a greeting, whatever an
		// older version of Guichet stored (issue #17)
		Receipt receipt = stored.withApplicantName(MessageValue.DISPLAY_NAME.clean(stored.applicantName()));
		String messageId = smtp.messageId("acknowledgement." + submissionId);
		String subject = subjectOf(receipt);
		try {
			OutgoingMessage message = new OutgoingMessage(messageId, "acknowledgement", "auto-replied");
			message.setFrom(new InternetAddress(smtp.from(), "Guichet", "UTF-8"));
			message.setRecipient(RecipientType.TO, new InternetAddress(receipt.applicantEmail(),
					receipt.applicantName(), "UTF-8"));
			message.setSubject(subject, "UTF-8");
			message.setSentDate(new java.util.Date());
			if (receipt.messageId() != null) {
				message.setHeader("In-Reply-To", "<" + receipt.messageId() + ">");
				message.setHeader("References", "<" + receipt.messageId() + ">");
			}
			message.setHeader("Content-Language", receipt.isInFrench() ? "fr" : receipt.isInEnglish() ? "en" : "fr, en");
			message.setText(bodyOf(receipt), "UTF-8");
			return new OutgoingMail(Kind.ACKNOWLEDGEMENT, submissionId.toString(), messageId, smtp.from(),
					List.of(receipt.applicantEmail()), subject, message.toBytes());
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new IllegalStateException("Could not write the acknowledgement of submission " + submissionId, ex);
		}
	}

	/** "Re: " and the applicant's subject, so that mail clients thread it under the application. */
	static String subjectOf(Receipt receipt) {
		String original = receipt.subject() == null ? "" : receipt.subject().strip();
		if (original.isEmpty()) {
			original = receipt.isInFrench() ? "Votre candidature"
					: receipt.isInEnglish() ? "Your application" : "Votre candidature / Your application";
		}
		return original.regionMatches(true, 0, "Re:", 0, 3) ? original : "Re: " + original;
	}

	String bodyOf(Receipt receipt) {
		if (receipt.isInFrench()) {
			return french(receipt);
		}
		if (receipt.isInEnglish()) {
			return english(receipt);
		}
		return french(receipt) + "\n-------- English --------\n\n" + english(receipt);
	}

	private String french(Receipt receipt) {
		ZoneId zone = call.timezone();
		StringBuilder text = new StringBuilder();
		text.append(receipt.applicantName() == null ? "Bonjour,\n\n" : "Bonjour " + receipt.applicantName() + ",\n\n");
		text.append(receipt.isResubmission()
				? "Le comité de sélection a bien reçu une nouvelle version (version " + receipt.version()
						+ ") de votre candidature. C'est elle que le comité lira.\n\n"
				: "Le comité de sélection a bien reçu votre candidature.\n\n");
		text.append("Ce que nous avons reçu :\n");
		text.append("- objet : ").append(receipt.subject() == null ? "(sans objet)" : receipt.subject()).append('\n');
		text.append("- note : ").append(noteInFrench(receipt)).append('\n');
		text.append("- langue de la note : ").append(switch (receipt.language()) {
			case "fr" -> "français";
			case "en" -> "anglais";
			default -> "non reconnue";
		}).append('\n');
		text.append("- reçue le : ").append(FRENCH_TIME.format(receipt.receivedAt().atZone(zone)))
			.append(" (heure de ").append(zone.getId()).append(")\n\n");
		List<String> problems = new ArrayList<>();
		if (receipt.has(Flag.LATE)) {
			String problem = "Elle est arrivée après la date limite qui s'applique "
					+ (receipt.isInFrench() ? "aux notes en français"
							: receipt.isInEnglish() ? "aux notes en anglais" : "quand la langue n'est pas reconnue")
					+ " : le " + FRENCH_DATE.format(deadlineDate(receipt)) + " (jusqu'à 23:59, heure de " + zone.getId() + ").";
			LocalDate later = laterDeadlineOfOtherLanguage(receipt);
			if (later != null) {
				problem += " La date limite plus tardive des notes en " + (receipt.isInFrench() ? "anglais" : "français")
						+ " (" + FRENCH_DATE.format(later) + ") ne s'applique pas à une note en "
						+ (receipt.isInFrench() ? "français" : "anglais") + ".";
			}
			problems.add(problem);
		}
		if (receipt.has(Flag.NO_NOTE)) {
			problems.add("Aucune note descriptive n'a été trouvée : ni document joint lisible, ni texte suffisant "
					+ "dans le message.");
		}
		if (receipt.has(Flag.NOTE_TOO_LONG)) {
			problems.add("La note compte " + pages(receipt.notePageCount(), "page") + ", plus que la limite de "
					+ pages(call.maxNotePages(), "page") + ".");
		}
		if (receipt.has(Flag.NOTE_UNREADABLE)) {
			problems.add("La note n'a pas pu être lue"
					+ (receipt.noteProblem() == null ? "." : " (raison : " + receipt.noteProblem() + ")."));
		}
		if (receipt.has(Flag.LANGUAGE_UNKNOWN)) {
			problems.add("La langue de la note n'a été reconnue ni comme du français ni comme de l'anglais.");
		}
		if (!receipt.missingCommittee().isEmpty()) {
			problems.add("Le message n'a pas été envoyé à tous les membres du comité : "
					+ "il manque "
					+ String.join(", ", receipt.missingCommittee()) + ".");
		}
		if (problems.isEmpty()) {
			text.append("Le comité n'a relevé aucun problème.\n\n");
		}
		else {
			text.append("Ce que le comité verra :\n");
			problems.forEach(problem -> text.append("- ").append(problem).append('\n'));
			text.append('\n');
		}
		text.append("Ce message est envoyé automatiquement par Guichet, pour le comité de sélection.\n");
		return text.toString();
	}

	private String english(Receipt receipt) {
		ZoneId zone = call.timezone();
		StringBuilder text = new StringBuilder();
		text.append(receipt.applicantName() == null ? "Hello,\n\n" : "Hello " + receipt.applicantName() + ",\n\n");
		text.append(receipt.isResubmission()
				? "The selection committee has received a new version (version " + receipt.version()
						+ ") of your application. This is the one the committee will read.\n\n"
				: "The selection committee has received your application.\n\n");
		text.append("What we received:\n");
		text.append("- subject: ").append(receipt.subject() == null ? "(no subject)" : receipt.subject()).append('\n');
		text.append("- note: ").append(noteInEnglish(receipt)).append('\n');
		text.append("- language of the note: ").append(switch (receipt.language()) {
			case "fr" -> "French";
			case "en" -> "English";
			default -> "not recognised";
		}).append('\n');
		text.append("- received on: ").append(ENGLISH_TIME.format(receipt.receivedAt().atZone(zone)))
			.append(" (").append(zone.getId()).append(" time)\n\n");
		List<String> problems = new ArrayList<>();
		if (receipt.has(Flag.LATE)) {
			String problem = "It arrived after the deadline for "
					+ (receipt.isInFrench() ? "notes in French"
							: receipt.isInEnglish() ? "notes in English" : "notes whose language is not recognised")
					+ ": " + ENGLISH_DATE.format(deadlineDate(receipt)) + " (until 23:59, " + zone.getId() + " time).";
			LocalDate later = laterDeadlineOfOtherLanguage(receipt);
			if (later != null) {
				problem += " The later deadline for notes in " + (receipt.isInFrench() ? "English" : "French") + " ("
						+ ENGLISH_DATE.format(later) + ") does not apply to a note written in "
						+ (receipt.isInFrench() ? "French" : "English") + ".";
			}
			problems.add(problem);
		}
		if (receipt.has(Flag.NO_NOTE)) {
			problems.add("No descriptive note was found: no readable attached document, and not enough text in the "
					+ "message.");
		}
		if (receipt.has(Flag.NOTE_TOO_LONG)) {
			problems.add("The note has " + pages(receipt.notePageCount(), "page") + ", more than the limit of "
					+ pages(call.maxNotePages(), "page") + ".");
		}
		if (receipt.has(Flag.NOTE_UNREADABLE)) {
			problems.add("The note could not be read"
					+ (receipt.noteProblem() == null ? "." : " (reason: " + receipt.noteProblem() + ")."));
		}
		if (receipt.has(Flag.LANGUAGE_UNKNOWN)) {
			problems.add("The language of the note was recognised neither as French nor as English.");
		}
		if (!receipt.missingCommittee().isEmpty()) {
			problems.add("The message was not sent to every committee member: "
					+ String.join(", ", receipt.missingCommittee()) + " "
					+ (receipt.missingCommittee().size() == 1 ? "was" : "were") + " left out.");
		}
		if (problems.isEmpty()) {
			text.append("The committee found no problem.\n\n");
		}
		else {
			text.append("What the committee will see:\n");
			problems.forEach(problem -> text.append("- ").append(problem).append('\n'));
			text.append('\n');
		}
		text.append("This message was sent automatically by Guichet, for the selection committee.\n");
		return text.toString();
	}

	private String noteInFrench(Receipt receipt) {
		if (receipt.noteFilename() == null) {
			return receipt.has(Flag.NO_NOTE) ? "aucune" : "le texte du message";
		}
		return receipt.noteFilename()
				+ (receipt.notePageCount() == null ? "" : ", " + pages(receipt.notePageCount(), "page"));
	}

	private String noteInEnglish(Receipt receipt) {
		if (receipt.noteFilename() == null) {
			return receipt.has(Flag.NO_NOTE) ? "none" : "the text of the message";
		}
		return receipt.noteFilename()
				+ (receipt.notePageCount() == null ? "" : ", " + pages(receipt.notePageCount(), "page"));
	}

	private static String pages(Integer count, String word) {
		return count == null ? "? " + word + "s" : count + " " + word + (count == 1 ? "" : "s");
	}

	/** The day of the deadline that applied, in the call's timezone (it ends at the end of that day). */
	private LocalDate deadlineDate(Receipt receipt) {
		Instant deadline = receipt.deadline();
		return deadline.atZone(call.timezone()).toLocalDate();
	}

	/** The other language's deadline when it is later: worth saying, as applicants often count on it. */
	private LocalDate laterDeadlineOfOtherLanguage(Receipt receipt) {
		if (receipt.isInFrench() && call.deadlines().en().isAfter(call.deadlines().fr())) {
			return call.deadlines().en();
		}
		if (receipt.isInEnglish() && call.deadlines().fr().isAfter(call.deadlines().en())) {
			return call.deadlines().fr();
		}
		return null;
	}

}
