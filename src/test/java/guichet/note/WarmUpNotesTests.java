package guichet.note;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up only warms what it reads: each of its notes must be recognised as its format and read in full. */
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
			// what the sender declared is not looked at: the content alone decides, as for an applicant's note
			var anonymous = new Attachment(note.name(), "application/octet-stream", note.content(), note.size(), false);
			TextExtractor.Detected detected = extractor.detect(anonymous);

			Extraction extraction = extractor.extract(anonymous, detected);

			assertThat(detected.type().toString()).as(note.name()).isEqualTo(note.declaredType());
			assertThat(detected.byName()).as(note.name()).isFalse();
			assertThat(extraction.unreadableReason()).as(note.name()).isNull();
			assertThat(extraction.text().strip()).as(note.name()).isEqualTo(WarmUpNotes.TEXT);
		}
	}

}
