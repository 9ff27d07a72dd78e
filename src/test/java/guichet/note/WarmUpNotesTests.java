package guichet.note;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up only warms what it reads: each of its notes must be recognised as its
 * format and read in full.
 */
class WarmUpNotesTests {

	private static final TextExtractor extractor = new TextExtractor(NoteLimits.defaults());

	@AfterAll
	static void close() {
		extractor.close();
	}

	@Test
	void eachWarmUpNoteIsRecognisedByItsContentAndRead() {
		assertThat(WarmUpNotes.all()).extracting(Attachment::name)
			.containsExactly("warm-up.txt", "warm-up.pdf", "warm-up.docx", "warm-up.odt");
		for (Attachment note : WarmUpNotes.all()) {
			// what the sender declared is not looked at: the content alone decides, as
			// for an applicant's note
			var anonymous = new Attachment(note.name(), "application/octet-stream", note.content(), note.size(), false);
			TypeDetector.Detected detected = extractor.detect(anonymous);

			Extraction extraction = extractor.extract(anonymous, detected);

			assertThat(detected.type().toString()).as(note.name()).isEqualTo(note.declaredType());
			assertThat(detected.byName()).as(note.name()).isFalse();
			assertThat(extraction.unreadableReason()).as(note.name()).isNull();
			assertThat(extraction.text().strip()).as(note.name()).isEqualTo(WarmUpNotes.TEXT);
		}
	}

	/**
	 * The start-up practice reads these mails: each must take the whole path of an
	 * applicant's note, MIME included.
	 */
	@Test
	void thePracticeReadsEveryRoundOfMailsEachWithItsNoteAttached() throws Exception {
		var reader = new NoteReader(NoteFormatsTests.CALL, NoteLimits.defaults());
		try {
			assertThat(reader.awaitPractice()).isEqualTo(NoteReader.PRACTICE_ROUNDS);
			List<byte[]> mails = WarmUpNotes.asMails();
			assertThat(mails).hasSize(WarmUpNotes.all().size());
			for (int i = 0; i < mails.size(); i++) {
				Attachment note = WarmUpNotes.all().get(i);
				var mail = new MimeMessage(Session.getInstance(new Properties()),
						new ByteArrayInputStream(mails.get(i)));

				NoteReading reading = reader.read(mail);

				assertThat(reading.note().source()).as(note.name()).isEqualTo(NoteSource.ATTACHMENT);
				assertThat(reading.note().filename()).as(note.name()).isEqualTo(note.name());
				assertThat(reading.note().mediaType()).as(note.name()).isEqualTo(note.declaredType());
				assertThat(reading.text().strip()).as(note.name()).isEqualTo(WarmUpNotes.TEXT);
			}
		}
		finally {
			reader.close();
		}
	}

	@Test
	void thePracticeStopsAtTheFirstRealMail() throws Exception {
		var reader = new NoteReader(NoteFormatsTests.CALL, NoteLimits.defaults(), 1_000_000);
		try {
			var mail = new MimeMessage(Session.getInstance(new Properties()),
					new ByteArrayInputStream(WarmUpNotes.asMails().get(1)));
			reader.awaitParsers();

			reader.read(mail);

			assertThat(reader.awaitPractice()).isLessThan(1_000_000);
		}
		finally {
			reader.close();
		}
	}

	@Test
	void noPracticeWhenNoneIsAskedFor() {
		var reader = new NoteReader(NoteFormatsTests.CALL, NoteLimits.defaults(), 0);
		try {
			assertThat(reader.awaitPractice()).isZero();
		}
		finally {
			reader.close();
		}
	}

}
