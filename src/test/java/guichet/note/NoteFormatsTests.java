package guichet.note;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.time.LocalDate;
import java.time.ZoneId;

import guichet.deadline.CallProperties;
import guichet.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Text and page counts of the formats applicants send, and the reasons a note cannot be
 * read.
 */
class NoteFormatsTests {

	static final CallProperties CALL = new CallProperties(ZoneId.of("Europe/Paris"),
			new CallProperties.Deadlines(LocalDate.parse("2019-12-19"), LocalDate.parse("2020-01-13")), 1);

	/**
	 * Tika and PDFBox take a moment to start: one reader for the class, as in the
	 * application.
	 */
	private static final NoteReader reader = new NoteReader(CALL, NoteLimits.defaults(), 0);

	@ParameterizedTest
	@CsvSource({ "note-fr-1page.pdf, application/pdf, 1, Coopérative des livreurs",
			"note-fr-2pages.pdf, application/pdf, 2, Calendrier prévisionnel",
			"note-en-1page.pdf, application/pdf, 1, Dublin Crowdworkers",
			"note-en-2pages.pdf, application/pdf, 2, Timeline and budget",
			"note-fr-1page.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document, 1, livreurs à vélo",
			"note-fr-2pages.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document, 2, Calendrier prévisionnel",
			"note-en-1page.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document, 1, crowdworkers",
			"note-en-2pages.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document, 2, Timeline and budget",
			"note-fr-1page.odt, application/vnd.oasis.opendocument.text, 1, livreurs à vélo",
			"note-fr-2pages.odt, application/vnd.oasis.opendocument.text, 2, Calendrier prévisionnel",
			"note-en-1page.odt, application/vnd.oasis.opendocument.text, 1, crowdworkers",
			"note-en-2pages.odt, application/vnd.oasis.opendocument.text, 2, Timeline and budget" })
	void readsTheTextAndPagesOfANote(String file, String mediaType, int pages, String excerpt) {
		var message = TestMail.application()
			.body("Bonjour, voici notre note.")
			.attach(NoteFiles.note(file), "application/octet-stream")
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note())
			.isEqualTo(new Note(file, mediaType, pages, NoteSource.ATTACHMENT, reading.text().length()));
		assertThat(reading.text()).contains(excerpt);
		assertThat(reading.languageText()).isEqualTo(reading.text());
		assertThat(reading.unreadableReason()).isNull();
		assertThat(reading.tooLong()).isEqualTo(pages > 1);
	}

	@Test
	void readsAOnePagePdfFromTheCorpus() {
		var reading = reader.read(withCorpusDocument("testPDF.pdf", "application/pdf"));

		assertThat(reading.note().pageCount()).isEqualTo(1);
		assertThat(reading.note().mediaType()).isEqualTo("application/pdf");
		assertThat(reading.text()).contains("Apache Tika");
		assertThat(reading.unreadableReason()).isNull();
		assertThat(reading.tooLong()).isFalse();
	}

	@Test
	void flagsA28PagePdfAsTooLong() {
		var reading = reader.read(withCorpusDocument("cweb.pdf", "application/pdf"));

		assertThat(reading.note().pageCount()).isEqualTo(28);
		assertThat(reading.tooLong()).isTrue();
		assertThat(reading.unreadableReason()).isNull();
	}

	@Test
	void readsAWordDocumentFromTheCorpus() {
		var reading = reader.read(withCorpusDocument("testWORD.docx", "application/octet-stream"));

		assertThat(reading.note().mediaType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		assertThat(reading.text()).isNotBlank();
		assertThat(reading.unreadableReason()).isNull();
	}

	@Test
	void readsAnOpenDocumentTextFromTheCorpus() {
		var reading = reader.read(withCorpusDocument("testODFwithOOo3.odt", "application/octet-stream"));

		assertThat(reading.note().mediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
		assertThat(reading.text()).isNotBlank();
		assertThat(reading.unreadableReason()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "testWORD.doc, application/msword", "testRTF.rtf, application/rtf",
			"testTXTNonASCIIUTF8.txt, text/plain", "testHTMLNoisyMetaEncoding_1.html, text/html" })
	void readsTheOtherFormatsOfTheCall(String file, String mediaType) {
		var reading = reader.read(withCorpusDocument(file, "application/octet-stream"));

		assertThat(reading.note().mediaType()).isEqualTo(mediaType);
		assertThat(reading.text()).isNotBlank();
		assertThat(reading.unreadableReason()).isNull();
	}

	@Test
	void reportsAWordDocumentLockedByAPasswordAsEncrypted() {
		var reading = reader.read(withCorpusDocument("testWORD_protected_passtika.docx", "application/octet-stream"));

		assertThat(reading.note().filename()).isEqualTo("testWORD_protected_passtika.docx");
		assertThat(reading.unreadableReason()).startsWith("ENCRYPTED: ");
	}

	@Test
	void reportsAPdfLockedByAPasswordAsEncrypted() {
		var reading = reader.read(withCorpusDocument("PasswordSample-256bit.pdf", "application/pdf"));

		assertThat(reading.hasNote()).isTrue();
		assertThat(reading.note().filename()).isEqualTo("PasswordSample-256bit.pdf");
		assertThat(reading.note().mediaType()).isEqualTo("application/pdf");
		assertThat(reading.unreadableReason()).startsWith("ENCRYPTED: ");
	}

	/**
	 * An owner password only restricts editing: every viewer opens the file, so the
	 * committee can read it.
	 */
	@Test
	void readsAPdfWhosePasswordOnlyRestrictsEditing() {
		var reading = reader.read(withCorpusDocument("testPDF_protected.pdf", "application/pdf"));

		assertThat(reading.unreadableReason()).isNull();
		assertThat(reading.text()).contains("RETHINKING THE FINANCIAL NETWORK");
		assertThat(reading.note().pageCount()).isEqualTo(41);
		assertThat(reading.tooLong()).isTrue();
	}

	@Test
	void reportsAPdfThatNeedsAPasswordToOpenAsEncrypted() {
		var reading = reader
			.read(withCorpusDocument("testPDF_no_extract_no_accessibility_owner_user.pdf", "application/pdf"));

		assertThat(reading.hasNote()).isTrue();
		assertThat(reading.unreadableReason()).startsWith("ENCRYPTED: ");
	}

	@Test
	void reportsAnEncryptedOpenDocumentAsEncrypted() {
		var reading = reader
			.read(withCorpusDocument("testODTEncrypted.odt", "application/vnd.oasis.opendocument.text"));

		assertThat(reading.hasNote()).isTrue();
		assertThat(reading.unreadableReason()).startsWith("ENCRYPTED: ");
	}

	@Test
	void reportsAScanWithoutTextLayer() {
		var reading = reader.read(withCorpusDocument("testOCR.pdf", "application/pdf"));

		assertThat(reading.hasNote()).isTrue();
		assertThat(reading.note().pageCount()).isEqualTo(1);
		assertThat(reading.unreadableReason()).isEqualTo("NO_TEXT: scanned image without a text layer");
	}

	@Test
	void reportsATruncatedWordDocumentAsCorrupt() {
		var reading = reader.read(withCorpusDocument("testWORD_truncated.docx", "application/octet-stream"));

		assertThat(reading.hasNote()).isTrue();
		assertThat(reading.note().filename()).isEqualTo("testWORD_truncated.docx");
		assertThat(reading.unreadableReason()).startsWith("CORRUPT: ");
	}

	@Test
	void reportsAPdfCutInHalfAsCorrupt() {
		byte[] pdf = NoteFiles.bytes(NoteFiles.note("note-fr-1page.pdf"));
		byte[] half = Arrays.copyOf(pdf, pdf.length / 3);
		var message = TestMail.application()
			.body("Voici la note.")
			.attach("note.pdf", "application/pdf", half)
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("note.pdf");
		assertThat(reading.unreadableReason()).startsWith("CORRUPT: ");
	}

	@Test
	void reportsAnEmptyDocumentAsEmpty() {
		var message = TestMail.application()
			.body("Voici la note.")
			.attach("note.pdf", "application/pdf", new byte[0])
			.parsed();

		var reading = reader.read(message);

		assertThat(reading.note().filename()).isEqualTo("note.pdf");
		assertThat(reading.unreadableReason()).isEqualTo("CORRUPT: the file is empty");
	}

	@Test
	void givesUpOnAttachmentsOverTheSizeLimit() {
		var small = new NoteReader(CALL, new NoteLimits(Duration.ofSeconds(20), 200_000, DataSize.ofKilobytes(10)), 0);
		var message = TestMail.application()
			.body("Voici la note.")
			.attach(NoteFiles.note("note-fr-1page.pdf"), "application/pdf")
			.parsed();

		var reading = small.read(message);

		assertThat(reading.note().mediaType()).isEqualTo("application/pdf");
		assertThat(reading.unreadableReason()).startsWith("TOO_LARGE: ");
	}

	@Test
	void cutsANoteWithMoreTextThanTheLimit() {
		var small = new NoteReader(CALL, new NoteLimits(Duration.ofSeconds(20), 500, DataSize.ofMegabytes(20)), 0);
		var message = TestMail.application()
			.body("Voici la note.")
			.attach(NoteFiles.note("note-fr-1page.docx"), "application/pdf")
			.parsed();

		var reading = small.read(message);

		assertThat(reading.text()).hasSizeLessThanOrEqualTo(500);
		assertThat(reading.unreadableReason()).startsWith("TOO_MUCH_TEXT: ");
	}

	@Test
	void abandonsADocumentThatTakesTooLongToRead() {
		var impatient = new NoteReader(CALL, new NoteLimits(Duration.ofMillis(1), 200_000, DataSize.ofMegabytes(20)),
				0);
		var message = TestMail.application()
			.body("Voici la note.")
			.attach(document("cweb.pdf"), "application/pdf")
			.parsed();

		var reading = impatient.read(message);

		assertThat(reading.note().filename()).isEqualTo("cweb.pdf");
		assertThat(reading.unreadableReason()).startsWith("TIMEOUT: ");
	}

	@Test
	void goesOnReadingNotesAfterAbandoningOne() {
		var patient = new NoteReader(CALL, new NoteLimits(Duration.ofMillis(300), 200_000, DataSize.ofMegabytes(20)),
				0);
		var slow = TestMail.application()
			.body("Voici la note.")
			.attach(document("cweb.pdf"), "application/pdf")
			.parsed();
		var quick = TestMail.application()
			.body("Voici la note.")
			.attach(NoteFiles.note("note-fr-1page.odt"), "application/pdf")
			.parsed();
		// read once cold, so that the last reading's 300 ms measure the reader, not
		// loading the ODF parser
		patient.read(quick);
		for (int i = 0; i < 6; i++) {
			patient.read(slow);
		}

		var reading = patient.read(quick);

		assertThat(reading.unreadableReason()).isNull();
		assertThat(reading.text()).contains("Coopérative des livreurs");
	}

	private static MimeMessage withCorpusDocument(String name, String type) {
		return TestMail.application().body("Please find our note attached.").attach(document(name), type).parsed();
	}

	static Path document(String name) {
		Path document = NoteFiles.document(name);
		assumeTrue(Files.isReadable(document), "the shared corpus is not available");
		return document;
	}

}
