package guichet.digest;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

import guichet.application.Flag;
import guichet.deadline.DeadlineReason;
import guichet.digest.DigestProperties.Headings;

import org.springframework.context.MessageSource;

/**
 * The digest's words in one reader's language (issue #21: "headings in one language per
 * recipient if their member record says which, else both, once"): French, English, or
 * both as "français / English", from the bundles the pages use ({@code digest.*},
 * {@code flag.*}, {@code language.*}). What applicants wrote is never translated.
 */
final class DigestWords {

	private final Headings headings;

	private final MessageSource messages;

	private final DeadlineReason deadlineReason;

	DigestWords(Headings headings, MessageSource messages, DeadlineReason deadlineReason) {
		this.headings = headings;
		this.messages = messages;
		this.deadlineReason = deadlineReason;
	}

	Headings headings() {
		return this.headings;
	}

	/** The {@code lang} of the HTML part: French when French is among its languages. */
	String lang() {
		return this.headings == Headings.EN ? "en" : "fr";
	}

	Locale locale() {
		return this.headings == Headings.EN ? Locale.ENGLISH : Locale.FRENCH;
	}

	/** The bundle's message {@code key} in the reader's language, or in both. */
	String label(String key, Object... arguments) {
		return inEach(locale -> this.messages.getMessage(key, arguments, locale));
	}

	/** A flag in plain words, as on the application page. */
	String flag(Flag flag) {
		return label("flag." + flag.name() + ".words");
	}

	/** A flag in a word or two, as on the list's badges. */
	String shortFlag(Flag flag) {
		return label("flag." + flag.name());
	}

	String language(String code) {
		return label("language." + ("fr".equals(code) || "en".equals(code) ? code : "unknown"));
	}

	/**
	 * Why a note is late in plain words: each language has its own deadline (CONTRACT
	 * §3).
	 */
	String lateBecause(String language, Instant judgedAgainst) {
		return inEach(locale -> this.deadlineReason.of(language, judgedAgainst, true, locale));
	}

	/** The words in the reader's language, or in both as "français / English". */
	private String inEach(Function<Locale, String> words) {
		return switch (this.headings) {
			case FR -> words.apply(Locale.FRENCH);
			case EN -> words.apply(Locale.ENGLISH);
			case BILINGUAL -> {
				String french = words.apply(Locale.FRENCH);
				String english = words.apply(Locale.ENGLISH);
				yield french.equals(english) ? french : french + " / " + english;
			}
		};
	}

}
