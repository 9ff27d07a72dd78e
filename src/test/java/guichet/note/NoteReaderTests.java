package guichet.note;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import guichet.support.TestMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where the note is found in an application email, and what else the committee is told
 * about it.
 */
class NoteReaderTests {

	private static final NoteReader reader = new NoteReader(NoteFormatsTests.CALL, NoteLimits.defaults(), 0);

	private static final String FRENCH_NOTE = source("note-fr.txt");

	@Test
	void findsNoNoteInAShortCoverMessage() {
		var message = TestMail.application()
			.body("Bonjour,\n\nJe vous écris pour l'appel. La note suit.\n\n-- \nAna Martin\n")
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.hasNote()).isFalse();
		assertThat(reading.note()).isNull();
		assertThat(reading.text()).isEmpty();
		assertThat(reading.languageText()).isEqualTo("Bonjour,\n\nJe vous écris pour l'appel. La note suit.");
		assertThat(reading.unreadableReason()).isNull();
		assertThat(reading.tooLong()).isFalse();
	}

	@Test
	void takesALongBodyAsTheNoteWithoutTheQuotedReplyAndSignature() {
		var body = FRENCH_NOTE + "\n-- \nAna Martin\nCoopérative des livreurs de Lyon\n\n"
				+ "Le mar. 10 déc. 2019 à 10:02, Comité <comite@guichet.example> a écrit :\n"
				+ "> Merci d'envoyer une note descriptive.\n";
		var message = TestMail.application().body(body).parsed();

		var reading = reader.read(message);

		assertThat(reading.note())
			.isEqualTo(new Note(null, "text/plain", null, NoteSource.BODY, FRENCH_NOTE.strip().length()));
		assertThat(reading.text()).isEqualTo(FRENCH_NOTE.strip());
		assertThat(reading.languageText()).isEqualTo(reading.text());
		assertThat(reading.text()).doesNotContain("Ana Martin", "Merci d'envoyer");
	}

	@Test
	void doesNotCountAQuotedNoteTowardsABodyNote() {
		var quoted = FRENCH_NOTE.lines().map((line) -> "> " + line).reduce("", (all, line) -> all + line + "\n");
		var message = TestMail.application().body("Voici à nouveau notre note.\n\n" + quoted).parsed();

		var reading = reader.read(message);

		assertThat(reading.hasNote()).isFalse();
		assertThat(reading.languageText()).isEqualTo("Voici à nouveau notre note.");
	}

	@Test
	void cutsAnEnglishReplyAtItsAttributionLine() {
		var body = source("note-en.txt")
				+ "\nOn Tue, 17 Dec 2019 at 10:02, Committee <committee@guichet.example>\nwrote:\n"
				+ "> Please send a descriptive note.\n";
		var message = TestMail.application().body(body).parsed();

		var reading = reader.read(message);

		assertThat(reading.note().source()).isEqualTo(NoteSource.BODY);
		assertThat(reading.text()).endsWith("does not depend on a handful of volunteers.");
	}

	@Test
	void takesTheTextOfAnHtmlOnlyBody() {
		var html = "<html><body>" + FRENCH_NOTE.lines().map((line) -> "<p>" + line + "</p>").reduce("", String::concat)
				+ "<div class=\"gmail_quote\"><blockquote>Merci d'envoyer une note.</blockquote></div></body></html>";
		var message = TestMail.application().htmlBody(html).parsed();

		var reading = reader.read(message);

		assertThat(reading.note().source()).isEqualTo(NoteSource.BODY);
		assertThat(reading.note().mediaType()).isEqualTo("text/html");
		assertThat(reading.text()).contains("Personnes impliquées\n").doesNotContain("Merci d'envoyer", "<p>");
	}

	@Test
	void detectsTheLanguageOnTheBodyWhenTheNoteHasNoText() {
		var message = TestMail.application()
			.body("Hello, please find our descriptive note attached, kind regards.")
			.attach(NoteFormatsTests.document("testOCR.pdf"), "application/pdf")
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.unreadableReason()).startsWith("NO_TEXT: ");
		assertThat(reading.languageText()).isEqualTo("Hello, please find our descriptive note attached, kind regards.");
	}

	@Test
	void choosesTheDocumentWithMostTextAndListsTheOthersButNotTheLogo() throws IOException {
		var message = TestMail.application()
			.body("Bonjour, voici notre note et une lettre de soutien.")
			.inlineImage(png(), "logo.png")
			.attach("lettre-de-soutien.odt", "application/vnd.oasis.opendocument.text",
					NoteFiles.bytes(NoteFiles.note("note-de-1page.odt")))
			.attach(NoteFiles.note("note-fr-1page.pdf"), "application/pdf")
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("note-fr-1page.pdf");
		assertThat(reading.otherAttachments()).containsExactly("lettre-de-soutien.odt");
	}

	@Test
	void prefersAWordProcessingDocumentToALongerTextFile() {
		var longText = (FRENCH_NOTE + "\n").repeat(3).getBytes(StandardCharsets.UTF_8);
		var message = TestMail.application()
			.body("Bonjour.")
			.attach("budget.txt", "text/plain", longText)
			.attach(NoteFiles.note("note-fr-1page.docx"), "application/msword")
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("note-fr-1page.docx");
		assertThat(reading.otherAttachments()).containsExactly("budget.txt");
	}

	@Test
	void acceptsATextFileAsTheNote() {
		var message = TestMail.application()
			.body("Bonjour.")
			.attach("note.txt", "text/plain", FRENCH_NOTE.getBytes(StandardCharsets.UTF_8))
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note())
			.isEqualTo(new Note("note.txt", "text/plain", null, NoteSource.ATTACHMENT, reading.text().length()));
		assertThat(reading.text()).contains("Coopérative des livreurs");
	}

	@Test
	void recognisesANoteByItsContentWhateverItsNameAndDeclaredType() {
		var message = TestMail.application()
			.body("See attached.")
			.attach("photo.jpg", "application/octet-stream", NoteFiles.bytes(NoteFiles.note("note-en-1page.pdf")))
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("photo.jpg");
		assertThat(reading.note().mediaType()).isEqualTo("application/pdf");
		assertThat(reading.note().pageCount()).isEqualTo(1);
		assertThat(reading.text()).contains("Dublin Crowdworkers");
	}

	@Test
	void doesNotTakeAnImageNamedLikeANoteForANote() throws IOException {
		var message = TestMail.application().body("Voici.").attach("note.pdf", "application/pdf", png()).parsed();

		var reading = reader.read(message);

		assertThat(reading.hasNote()).isFalse();
		assertThat(reading.otherAttachments()).isEmpty();
	}

	@Test
	void ignoresBusinessCardsInvitationsAndSignatures() {
		var card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Martin\nEND:VCARD\n".getBytes(StandardCharsets.UTF_8);
		var invitation = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:Réunion\nEND:VEVENT\nEND:VCALENDAR\n"
			.getBytes(StandardCharsets.UTF_8);
		var message = TestMail.application()
			.body("Bonjour.")
			.attach("ana.vcf", "text/x-vcard", card)
			.attach("invite.ics", "text/calendar", invitation)
			.attach("smime.p7s", "application/pkcs7-signature", new byte[] { 0x30, (byte) 0x82, 0x01, 0x00 })
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.hasNote()).isFalse();
		assertThat(reading.otherAttachments()).isEmpty();
	}

	@Test
	void decodesAnRfc2231FileName() {
		var message = TestMail.application()
			.body("Bonjour.")
			.attachWithDisposition(NoteFiles.bytes(NoteFiles.note("note-fr-1page.pdf")), "application/pdf",
					"attachment; filename*=UTF-8''Note%20descriptive%20%E2%80%93%20coop%C3%A9rative.pdf")
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("Note descriptive – coopérative.pdf");
	}

	@Test
	void decodesAnRfc2047FileName() {
		var message = TestMail.application()
			.body("Bonjour.")
			.attachWithDisposition(NoteFiles.bytes(NoteFiles.note("note-fr-1page.pdf")), "application/pdf",
					"attachment; filename=\"=?UTF-8?Q?Note_descriptive_=E2=80=93_coop=C3=A9rative.pdf?=\"")
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("Note descriptive – coopérative.pdf");
	}

	@Test
	void neverWritesAFileNamedAfterAnAttachment() {
		var message = TestMail.application()
			.body("Bonjour.")
			.attach("../../guichet-was-here.odt", "application/vnd.oasis.opendocument.text",
					NoteFiles.bytes(NoteFiles.note("note-fr-1page.odt")))
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("../../guichet-was-here.odt");
		assertThat(reading.note().pageCount()).isEqualTo(1);
		assertThat(Path.of("..", "..", "guichet-was-here.odt")).doesNotExist();
		assertThat(Path.of(System.getProperty("java.io.tmpdir"), "guichet-was-here.odt")).doesNotExist();
	}

	@Test
	void looksIntoAForwardedMessage() {
		var original = TestMail.application()
			.body("Please find our note attached.")
			.attach(NoteFiles.note("note-en-1page.docx"), "application/octet-stream")
			.parsed();
		var message = TestMail.application()
			.body("Forwarding our application, sorry for the delay.")
			.attachMessage(original)
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("note-en-1page.docx");
		assertThat(reading.note().pageCount()).isEqualTo(1);
		assertThat(reading.text()).contains("Dublin Crowdworkers");
	}

	@Test
	void opensTheFilesOutlookPackedIntoWinmailDat() {
		Path winmail = NoteFiles.CORPUS.resolve("mail").resolve("testWINMAIL.dat");
		assumeTrue(Files.isReadable(winmail), "the shared corpus is not available");
		var message = TestMail.application()
			.body("Please find our note attached.")
			.attach("winmail.dat", "application/ms-tnef", NoteFiles.bytes(winmail))
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.hasNote()).isTrue();
		assertThat(reading.note().source()).isEqualTo(NoteSource.ATTACHMENT);
		assertThat(reading.note().filename()).isEqualTo("quick.doc");
		assertThat(reading.note().mediaType()).isEqualTo("application/msword");
		assertThat(reading.text()).contains("quick brown fox");
		assertThat(reading.otherAttachments()).containsExactly("quick.html", "quick.pdf", "quick.txt");
	}

	@Test
	void listsTheCountriesTheNoteMentions() {
		var message = TestMail.application()
			.body("Bonjour.")
			.attach(NoteFiles.note("note-en-1page.pdf"), "application/pdf")
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.countries()).contains("Ireland", "Brazil", "India", "Poland");
		assertThat(reading.isOutsideEligibleCountries()).isFalse();
	}

	private static byte[] png() throws IOException {
		var image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static String source(String name) {
		try {
			return Files.readString(NoteFiles.NOTES.resolve("source").resolve(name));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
