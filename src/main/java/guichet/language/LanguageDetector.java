package guichet.language;

import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import guichet.startup.BuiltInBackground;

import org.springframework.stereotype.Component;

/**
 * Tells the language a note is written in, which decides its deadline: French notes are
 * due on the French deadline, English notes on the English one, and a note in any other
 * language is {@link Language#UNKNOWN}.
 * <p>
 * Lingua compares French and English with the languages an applicant from an EU or
 * candidate country is likely to write in, so that a German or Italian note is not forced
 * into French or English. Its models are loaded once, while Guichet starts, so that no
 * message pays for them (one that arrives before they are ready waits for them). Lingua
 * runs in its low accuracy mode (trigrams only): a note is hundreds of words, where both
 * modes agree, and the full models of these 31 languages would hold some 700 MB of heap
 * instead of 60 MB and take seconds longer to load.
 */
@Component
public class LanguageDetector {

	/** Fewer letters than this say too little to tell a language. */
	static final int MIN_LETTERS = 20;

	/**
	 * Lingua's cost grows with the text (each trigram is looked up in the model of each
	 * of the 31 languages): 4000 characters cost some 10 ms a note. A note's first 1000
	 * characters (150 words) tell its language as surely.
	 */
	static final int MAX_CHARACTERS = 1000;

	/**
	 * Most notes are plainly French or English: a first look at this many characters
	 * settles them at a third of the cost, and only what it leaves in doubt is read on
	 * {@link #MAX_CHARACTERS}.
	 */
	static final int FIRST_LOOK_CHARACTERS = 300;

	/** How sure the first look must be of French or English to stop there. */
	static final double FIRST_LOOK_CONFIDENCE = 0.9;

	/**
	 * How far ahead of the runner-up the winner must be (Lingua's minimum relative
	 * distance).
	 */
	static final double MIN_RELATIVE_DISTANCE = 0.1;

	/**
	 * The confidence (Lingua's probability, 0 to 1) that French or English needs to be
	 * trusted.
	 */
	static final double MIN_CONFIDENCE = 0.5;

	private static final Set<com.github.pemistahl.lingua.api.Language> CANDIDATES = EnumSet.of(
			com.github.pemistahl.lingua.api.Language.FRENCH, com.github.pemistahl.lingua.api.Language.ENGLISH,
			// official languages of the EU that Lingua knows (it has no Maltese model)
			com.github.pemistahl.lingua.api.Language.BULGARIAN, com.github.pemistahl.lingua.api.Language.CROATIAN,
			com.github.pemistahl.lingua.api.Language.CZECH, com.github.pemistahl.lingua.api.Language.DANISH,
			com.github.pemistahl.lingua.api.Language.DUTCH, com.github.pemistahl.lingua.api.Language.ESTONIAN,
			com.github.pemistahl.lingua.api.Language.FINNISH, com.github.pemistahl.lingua.api.Language.GERMAN,
			com.github.pemistahl.lingua.api.Language.GREEK, com.github.pemistahl.lingua.api.Language.HUNGARIAN,
			com.github.pemistahl.lingua.api.Language.IRISH, com.github.pemistahl.lingua.api.Language.ITALIAN,
			com.github.pemistahl.lingua.api.Language.LATVIAN, com.github.pemistahl.lingua.api.Language.LITHUANIAN,
			com.github.pemistahl.lingua.api.Language.POLISH, com.github.pemistahl.lingua.api.Language.PORTUGUESE,
			com.github.pemistahl.lingua.api.Language.ROMANIAN, com.github.pemistahl.lingua.api.Language.SLOVAK,
			com.github.pemistahl.lingua.api.Language.SLOVENE, com.github.pemistahl.lingua.api.Language.SPANISH,
			com.github.pemistahl.lingua.api.Language.SWEDISH,
			// candidate countries, and the regional languages of member states that
			// applicants write in
			com.github.pemistahl.lingua.api.Language.ALBANIAN, com.github.pemistahl.lingua.api.Language.SERBIAN,
			com.github.pemistahl.lingua.api.Language.BOSNIAN, com.github.pemistahl.lingua.api.Language.MACEDONIAN,
			com.github.pemistahl.lingua.api.Language.TURKISH, com.github.pemistahl.lingua.api.Language.CATALAN,
			com.github.pemistahl.lingua.api.Language.BASQUE, com.github.pemistahl.lingua.api.Language.WELSH);

	private static final Map<com.github.pemistahl.lingua.api.Language, Language> OF_THE_CALL = Map.of(
			com.github.pemistahl.lingua.api.Language.FRENCH, Language.FR,
			com.github.pemistahl.lingua.api.Language.ENGLISH, Language.EN);

	/**
	 * Loading the models takes a second or more: done while the rest of Guichet starts.
	 */
	private final BuiltInBackground<com.github.pemistahl.lingua.api.LanguageDetector> lingua = new BuiltInBackground<>(
			"language models",
			() -> LanguageDetectorBuilder
				.fromLanguages(CANDIDATES.toArray(com.github.pemistahl.lingua.api.Language[]::new))
				.withMinimumRelativeDistance(MIN_RELATIVE_DISTANCE)
				.withLowAccuracyMode()
				.withPreloadedLanguageModels()
				.build());

	/** Waits until the language models are loaded; throws if they could not be. */
	public void awaitModels() {
		this.lingua.get();
	}

	/**
	 * Guesses the language of a note. FR or EN only when that language wins clearly; a
	 * German note is UNKNOWN with {@code detected} "de"; an empty or very short text is
	 * UNKNOWN with nothing detected.
	 */
	public LanguageGuess detect(String text) {
		if (text == null || letters(text) < MIN_LETTERS) {
			return LanguageGuess.unknown();
		}
		if (text.length() > FIRST_LOOK_CHARACTERS * 2) {
			LanguageGuess firstLook = judge(text.substring(0, FIRST_LOOK_CHARACTERS));
			if (firstLook.language() != Language.UNKNOWN && firstLook.confidence() >= FIRST_LOOK_CONFIDENCE) {
				return firstLook;
			}
		}
		return judge((text.length() > MAX_CHARACTERS) ? text.substring(0, MAX_CHARACTERS) : text);
	}

	private LanguageGuess judge(String sample) {
		SortedMap<com.github.pemistahl.lingua.api.Language, Double> confidences = this.lingua.get()
			.computeLanguageConfidenceValues(sample);
		if (confidences.isEmpty()) {
			return LanguageGuess.unknown();
		}
		// the same test as Lingua's detectLanguageOf, without computing the confidences
		// twice
		Iterator<Map.Entry<com.github.pemistahl.lingua.api.Language, Double>> ranking = confidences.entrySet()
			.iterator();
		var winner = ranking.next();
		double runnerUp = ranking.hasNext() ? ranking.next().getValue() : 0.0;
		double confidence = winner.getValue();
		if (confidence - runnerUp < MIN_RELATIVE_DISTANCE) {
			return LanguageGuess.unknown();
		}
		String detected = winner.getKey().getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
		Language language = OF_THE_CALL.getOrDefault(winner.getKey(), Language.UNKNOWN);
		if (language != Language.UNKNOWN && confidence < MIN_CONFIDENCE) {
			language = Language.UNKNOWN;
		}
		return new LanguageGuess(language, detected, confidence);
	}

	private static int letters(String text) {
		int letters = 0;
		for (int i = 0; i < text.length() && letters < MIN_LETTERS; i++) {
			if (Character.isLetter(text.charAt(i))) {
				letters++;
			}
		}
		return letters;
	}

}
