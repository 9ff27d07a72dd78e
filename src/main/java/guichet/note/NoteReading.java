package guichet.note;

import java.util.List;

/**
 * Everything the committee learns from reading one message's note: the note itself, its
 * text, why it could not be read, whether it is over the page limit, and the countries it
 * mentions (a hint for the call's eligibility rule: applicants from the EU, as of 2019
 * with the United Kingdom, or a candidate country).
 *
 * @param note the note, {@code null} when the message has none (flag {@code NO_NOTE})
 * @param text the note's extracted text (for a body note, the body without quotes and
 * signature); "" when none
 * @param languageText the text to detect the language on: the note's text, else the
 * body's
 * @param otherAttachments decoded file names of the message's other documents
 * @param unreadableReason why the note could not be read, starting with a code such as
 * {@code ENCRYPTED:}; {@code null} when it was read (flag {@code NOTE_UNREADABLE});
 * without a note, why none was taken ({@code TOO_MANY_PARTS:})
 * @param tooLong whether the note has more pages than the call allows (flag
 * {@code NOTE_TOO_LONG})
 * @param countries normalised English names of the countries the note mentions (the
 * body's, when there is no note)
 * @param organisation the applicant's organisation when the note or the mail's signature
 * names one ({@link OrganisationFinder}), else {@code null}
 */
public record NoteReading(Note note, String text, String languageText, List<String> otherAttachments,
		String unreadableReason, boolean tooLong, List<String> countries, String organisation) {

	public NoteReading(Note note, String text, String languageText, List<String> otherAttachments,
			String unreadableReason, boolean tooLong, List<String> countries) {
		this(note, text, languageText, otherAttachments, unreadableReason, tooLong, countries, null);
	}

	public NoteReading {
		text = (text != null) ? text : "";
		languageText = (languageText != null) ? languageText : "";
		otherAttachments = List.copyOf(otherAttachments);
		countries = List.copyOf(countries);
	}

	/** The same reading, with the organisation its note or mail names. */
	NoteReading withOrganisation(String named) {
		return new NoteReading(note, text, languageText, otherAttachments, unreadableReason, tooLong, countries, named);
	}

	public boolean hasNote() {
		return this.note != null;
	}

	public boolean isUnreadable() {
		return this.unreadableReason != null;
	}

	/**
	 * Whether the note names countries and none of them is eligible: a hint for the
	 * committee ({@code OUTSIDE_ELIGIBLE_COUNTRIES}), never a rejection, since a note may
	 * name only its partners' countries.
	 */
	public boolean isOutsideEligibleCountries() {
		return !this.countries.isEmpty() && this.countries.stream().noneMatch(Countries::isEligible);
	}

}
