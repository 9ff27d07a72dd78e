package guichet.digest;

import java.util.Locale;

import guichet.application.Flag;
import guichet.deadline.DeadlineReason;
import guichet.digest.DigestProperties.Headings;

/**
 * The digest's words in one reader's language (issue #21: "headings in one language per
 * recipient if their member record says which, else both, once"): French, English, or
 * both as "français / English". What applicants wrote is never translated.
 */
final class DigestWords {

	private final Headings headings;

	private final DeadlineReason deadlineReason;

	DigestWords(Headings headings, DeadlineReason deadlineReason) {
		this.headings = headings;
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

	String label(String french, String english) {
		return switch (this.headings) {
			case FR -> french;
			case EN -> english;
			case BILINGUAL -> french.equals(english) ? french : french + " / " + english;
		};
	}

	String flag(Flag flag) {
		return label(flag.inFrench(), flag.inEnglish());
	}

	/** A flag in a word or two, for the summary table. */
	String shortFlag(Flag flag) {
		return switch (flag) {
			case LATE -> label("retard", "late");
			case NO_NOTE -> label("sans note", "no note");
			case NOTE_TOO_LONG -> label("trop longue", "too long");
			case NOTE_UNREADABLE -> label("illisible", "unreadable");
			case LANGUAGE_UNKNOWN -> label("langue ?", "language?");
			case COMMITTEE_INCOMPLETE -> label("membres oubliés", "members left out");
			case RESUBMITTED -> label("nouvelle version", "new version");
			case OUTSIDE_ELIGIBLE_COUNTRIES -> label("pays ?", "countries?");
			case POSSIBLE_DUPLICATE -> label("doublon ?", "duplicate?");
			case FORWARDED -> label("transférée", "forwarded");
			case MESSAGE_ID_REUSED -> label("Message-ID réutilisé", "Message-ID reused");
		};
	}

	String language(String code) {
		return switch (code == null ? "unknown" : code) {
			case "fr" -> label("français", "French");
			case "en" -> label("anglais", "English");
			default -> label("non reconnue", "not recognised");
		};
	}

	/**
	 * Why a note is late in plain words: each language has its own deadline (CONTRACT
	 * §3).
	 */
	String lateBecause(String language) {
		return switch (this.headings) {
			case FR -> this.deadlineReason.of(language, true, true);
			case EN -> this.deadlineReason.of(language, true, false);
			case BILINGUAL ->
				this.deadlineReason.of(language, true, true) + " / " + this.deadlineReason.of(language, true, false);
		};
	}

}
