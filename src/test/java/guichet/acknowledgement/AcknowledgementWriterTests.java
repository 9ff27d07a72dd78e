package guichet.acknowledgement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import guichet.application.CommitteeProperties;
import guichet.application.Flag;
import guichet.deadline.CallProperties;
import guichet.deadline.CallProperties.Deadlines;
import guichet.mail.Bundles;
import guichet.outbox.OutgoingMail;
import guichet.outbox.SmtpProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The words of an acknowledgement, for problems that need a real note to happen. */
class AcknowledgementWriterTests {

	private final AcknowledgementWriter writer = new AcknowledgementWriter(
			new CallProperties(ZoneId.of("Europe/Paris"),
					new Deadlines(LocalDate.parse("2019-12-19"), LocalDate.parse("2020-01-13")), 1),
			new SmtpProperties("localhost", 3025, null, null, "guichet@committee.example"), Bundles.templates(),
			new CommitteeProperties(CommitteeProperties.CALL));

	@Test
	void tellsAFrenchApplicantThatTheLaterEnglishDeadlineDoesNotApply() {
		var receipt = receipt("fr", Instant.parse("2019-12-20T09:30:00Z"), EnumSet.of(Flag.LATE), null, 1);

		String body = writer.bodyOf(receipt);

		assertThat(body).contains("reçue le : 20 décembre 2019 à 10:30 (heure de Europe/Paris)",
				"après la date limite qui s'applique aux notes en français : le 19 décembre 2019",
				"La date limite plus tardive des notes en anglais (13 janvier 2020) ne s'applique pas à une note en "
						+ "français.");
	}

	@Test
	void namesTheNoteItsPagesAndThePageLimitWhenTheNoteIsTooLong() {
		var receipt = receipt("en", Instant.parse("2019-12-20T09:30:00Z"), EnumSet.of(Flag.NOTE_TOO_LONG), null, 3);

		String body = writer.bodyOf(receipt);

		assertThat(body).contains("- note: note.pdf, 3 pages", "The note has 3 pages, more than the limit of 1 page.");
	}

	@Test
	void givesTheReasonWhenTheNoteIsUnreadable() {
		var receipt = receipt("fr", Instant.parse("2019-12-18T09:30:00Z"), EnumSet.of(Flag.NOTE_UNREADABLE),
				"ENCRYPTED: the PDF is protected by a password", null);

		String body = writer.bodyOf(receipt);

		assertThat(body).contains("La note n'a pas pu être lue (raison : le document est protégé par un mot de passe).")
			.doesNotContain("ENCRYPTED", "the PDF is protected");
	}

	@Test
	void givesTheReasonInTheApplicantsLanguageOrAsStoredWhenItHasNoKnownCode() {
		var english = receipt("en", Instant.parse("2019-12-18T09:30:00Z"), EnumSet.of(Flag.NOTE_UNREADABLE),
				"NO_TEXT: scanned image without a text layer", null);
		var unknown = receipt("en", Instant.parse("2019-12-18T09:30:00Z"), EnumSet.of(Flag.NOTE_UNREADABLE),
				"the note could not be decoded", null);

		assertThat(writer.bodyOf(english))
			.contains("The note could not be read (reason: the document contains no text (perhaps a scanned image)).");
		assertThat(writer.bodyOf(unknown))
			.contains("The note could not be read (reason: the note could not be decoded).");
	}

	@Test
	void saysWhenNoNoteWasFound() {
		var receipt = new Receipt("ana@example.org", null, "Candidature", null, 1, "en",
				Instant.parse("2019-12-18T09:30:00Z"), Instant.parse("2020-01-13T22:59:59Z"), null, null, null,
				EnumSet.of(Flag.NO_NOTE), List.of());

		String body = writer.bodyOf(receipt);

		assertThat(body).contains("- note: none", "No descriptive note was found");
	}

	@Test
	void writesAThreadedAutomaticReplyWithAFixedMessageId() throws Exception {
		var receipt = receipt("en", Instant.parse("2019-12-18T09:30:00Z"), EnumSet.noneOf(Flag.class), null, 1);
		UUID submission = UUID.randomUUID();

		OutgoingMail mail = writer.write(receipt, submission);

		String headers = new String(mail.mime(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(mail.messageId()).isEqualTo("acknowledgement." + submission + "@committee.example");
		assertThat(mail.recipients()).containsExactly("ana@example.org");
		assertThat(headers)
			.contains("Message-ID: <acknowledgement." + submission + "@committee.example>",
					"In-Reply-To: <original@example.org>", "References: <original@example.org>",
					"Auto-Submitted: auto-replied", "X-Guichet: acknowledgement", "Subject: Re: Candidature")
			.containsPattern("\nReply-To: Odile Chagny <odile.chagny@[^>]+>,\\s+Ignacio Doreste");
	}

	private static Receipt receipt(String language, Instant receivedAt, Set<Flag> flags, String problem,
			Integer pages) {
		Instant deadline = "fr".equals(language) ? Instant.parse("2019-12-19T22:59:59Z")
				: Instant.parse("2020-01-13T22:59:59Z");
		return new Receipt("ana@example.org", "Ana", "Candidature", "original@example.org", 1, language, receivedAt,
				deadline, "note.pdf", pages, problem, flags, List.of());
	}

}
