package guichet.note;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import guichet.support.HostileDocuments;
import guichet.support.TestMail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17, point 5: notes that were judged wrongly. A note that cannot be read is
 * {@code NOTE_UNREADABLE} with its reason, never "no note" nor a page count; a message of
 * thousands of parts has no note rather than a random one.
 */
class HostileNotesTests {

	private static final NoteReader reader = new NoteReader(NoteFormatsTests.CALL, NoteLimits.defaults(), 0);

	@Test
	void aPdfWhoseBase64IsDamagedIsAnUnreadableNote() throws Exception {
		String base64 = Base64.getMimeEncoder().encodeToString(HostileDocuments.textPdf(1));
		// padding in the middle, and a last group cut short: Jakarta Mail's decoder
		// refuses both
		String damaged = base64.substring(0, 200) + "==" + base64.substring(200, base64.length() - 3);
		MimeMessage message = parse("""
				From: Ana <ana@example.org>
				To: alice@committee.example
				Subject: Candidature
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="b"

				--b
				Content-Type: text/plain; charset=UTF-8

				Voici notre note.
				--b
				Content-Type: application/pdf; name="note.pdf"
				Content-Disposition: attachment; filename="note.pdf"
				Content-Transfer-Encoding: base64

				""" + damaged + "\r\n--b--\r\n");

		NoteReading reading = reader.read(message);

		assertThat(reading.hasNote()).isTrue();
		assertThat(reading.note().filename()).isEqualTo("note.pdf");
		assertThat(reading.unreadableReason()).startsWith("CORRUPT");
		assertThat(reading.tooLong()).isFalse();
	}

	@Test
	void aPdfWhosePageTreeRefersToItselfIsCorruptAndHasNoPageCount() {
		var message = TestMail.application()
			.body("Voici notre note.")
			.attach("note.pdf", "application/pdf", HostileDocuments.selfReferencingPageTree())
			.parsed();

		NoteReading reading = reader.read(message);

		assertThat(reading.hasNote()).isTrue();
		assertThat(reading.unreadableReason()).startsWith("CORRUPT");
		assertThat(reading.note().pageCount()).isNull();
		assertThat(reading.tooLong()).isFalse();
	}

	@Test
	void aMessageOfThousandsOfTextPartsHasNoNoteAndSaysWhy() throws Exception {
		StringBuilder mail = new StringBuilder("""
				From: Ana <ana@example.org>
				To: alice@committee.example
				Subject: Candidature
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="p"

				""");
		for (int i = 0; i < 5000; i++) {
			mail.append("--p\r\nContent-Type: text/plain; name=part-")
				.append(i)
				.append(".txt\r\n")
				.append("Content-Disposition: attachment; filename=part-")
				.append(i)
				.append(".txt\r\n\r\n")
				.append("part ")
				.append(i)
				.append("\r\n");
		}
		MimeMessage message = parse(mail.append("--p--\r\n").toString());

		NoteReading reading = reader.read(message);

		assertThat(reading.hasNote()).isFalse();
		assertThat(reading.unreadableReason()).startsWith("TOO_MANY_PARTS");
	}

	@Test
	void aFewTextPartsAreStillReadAsUsual() throws Exception {
		var message = TestMail.application()
			.body("Voici notre note.")
			.attach("note.pdf", "application/pdf", NoteFiles.bytes(NoteFiles.note("note-fr-1page.pdf")))
			.attach("annexe.txt", "text/plain", "annexe".getBytes(StandardCharsets.UTF_8))
			.parsed();

		NoteReading reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("note.pdf");
		assertThat(reading.unreadableReason()).isNull();
	}

	private static MimeMessage parse(String text) throws Exception {
		return new MimeMessage(NoteFiles.SESSION, new ByteArrayInputStream(
				text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
	}

}
