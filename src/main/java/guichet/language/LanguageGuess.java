package guichet.language;

/**
 * What the detector made of a text.
 *
 * @param language FR or EN when that language won with enough confidence, else UNKNOWN
 * @param detected ISO 639-1 code of the language that was found (such as {@code de}), or
 * {@code null} when none could be told
 * @param confidence how sure the detector is of {@code detected}, between 0 and 1
 */
public record LanguageGuess(Language language, String detected, double confidence) {

	static LanguageGuess unknown() {
		return new LanguageGuess(Language.UNKNOWN, null, 0);
	}

}
