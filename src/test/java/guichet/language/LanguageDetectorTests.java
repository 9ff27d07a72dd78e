package guichet.language;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTests {

	/**
	 * Lingua's models take seconds to load: one detector for the whole class, as in the
	 * application.
	 */
	private static final LanguageDetector detector = new LanguageDetector();

	@Test
	void recognisesAFrenchNote() throws IOException {
		var text = source("note-fr.txt");

		var guess = detector.detect(text);

		assertThat(guess.language()).isEqualTo(Language.FR);
		assertThat(guess.detected()).isEqualTo("fr");
		assertThat(guess.confidence()).isGreaterThan(0.5);
	}

	@Test
	void recognisesAnEnglishNote() throws IOException {
		var text = source("note-en.txt");

		var guess = detector.detect(text);

		assertThat(guess.language()).isEqualTo(Language.EN);
		assertThat(guess.detected()).isEqualTo("en");
	}

	@Test
	void callsAGermanNoteUnknownButSaysItIsGerman() throws IOException {
		var text = source("note-de.txt");

		var guess = detector.detect(text);

		assertThat(guess.language()).isEqualTo(Language.UNKNOWN);
		assertThat(guess.detected()).isEqualTo("de");
	}

	@Test
	void callsAnItalianParagraphUnknown() {
		var text = "Il nostro collettivo riunisce i rider che consegnano pasti a Milano e chiede un accompagnamento "
				+ "per fondare una cooperativa di lavoratori.";

		var guess = detector.detect(text);

		assertThat(guess.language()).isEqualTo(Language.UNKNOWN);
		assertThat(guess.detected()).isEqualTo("it");
	}

	@Test
	void cannotTellTheLanguageOfAVeryShortText() {
		var guess = detector.detect("Ci-joint.");

		assertThat(guess.language()).isEqualTo(Language.UNKNOWN);
		assertThat(guess.detected()).isNull();
	}

	@Test
	void cannotTellTheLanguageOfNothing() {
		assertThat(detector.detect("").language()).isEqualTo(Language.UNKNOWN);
		assertThat(detector.detect(null).language()).isEqualTo(Language.UNKNOWN);
		assertThat(detector.detect("  2019 — 12 / 19 !!  ").language()).isEqualTo(Language.UNKNOWN);
	}

	@Test
	void recognisesAShortFrenchCoverMessage() {
		var text = "Bonjour, veuillez trouver ci-joint la note descriptive de notre collectif pour l'appel à candidatures.";

		var guess = detector.detect(text);

		assertThat(guess.language()).isEqualTo(Language.FR);
	}

	@Test
	void recognisesAShortEnglishCoverMessage() {
		var text = "Hello, please find attached the descriptive note of our network for your call for applications.";

		var guess = detector.detect(text);

		assertThat(guess.language()).isEqualTo(Language.EN);
	}

	@Test
	void recognisesTheLanguageOfAnAttachedNoteFromItsFirstPages() throws IOException {
		var text = source("note-en.txt").repeat(20);

		var guess = detector.detect(text);

		assertThat(guess.language()).isEqualTo(Language.EN);
	}

	@Test
	void namesTheLanguagesOfTheCallByTheirApiCodes() {
		assertThat(Language.FR.code()).isEqualTo("fr");
		assertThat(Language.EN.code()).isEqualTo("en");
		assertThat(Language.UNKNOWN.code()).isEqualTo("unknown");
	}

	static String source(String name) throws IOException {
		return Files.readString(Path.of("src", "test", "resources", "notes", "source", name), StandardCharsets.UTF_8);
	}

}
