package guichet.deadline;

import java.time.LocalDate;

import guichet.language.Language;

import org.springframework.stereotype.Component;

/**
 * Why a deadline applies, in plain words (CONTRACT §3): each language of the call has its
 * own deadline, and a note whose language is not recognised gets the later one. Shown on
 * the application page and in the digest; the acknowledgement says it in its bundle's
 * words, from {@link #laterDeadlineThatDoesNotApply}.
 */
@Component
public class DeadlineReason {

	private final CallProperties call;

	public DeadlineReason(CallProperties call) {
		this.call = call;
	}

	/**
	 * The other language's deadline when it is later than this language's: worth saying
	 * to a late applicant, who often counted on it. {@code null} when there is none (an
	 * unrecognised language already gets the later one).
	 */
	public static LocalDate laterDeadlineThatDoesNotApply(CallProperties call, Language language) {
		var deadlines = call.deadlines();
		if (language == Language.FR && deadlines.en().isAfter(deadlines.fr())) {
			return deadlines.en();
		}
		if (language == Language.EN && deadlines.fr().isAfter(deadlines.en())) {
			return deadlines.fr();
		}
		return null;
	}

	/**
	 * The reason in French or English; "" when there is nothing to explain.
	 * @param language {@code fr}, {@code en} or {@code unknown}
	 */
	public String of(String language, boolean late, boolean french) {
		var deadlines = this.call.deadlines();
		if ("fr".equals(language)) {
			LocalDate later = laterDeadlineThatDoesNotApply(call, Language.FR);
			if (late && later != null) {
				return french
						? "note en français, la date limite française (" + deadlines.fr()
								+ ") s'applique, même si celle de l'appel en anglais (" + later + ") est plus tardive"
						: "the note is in French, so the French deadline (" + deadlines.fr()
								+ ") applies, even though the English call's deadline (" + later + ") is later";
			}
			return french ? "note en français : date limite française (" + deadlines.fr() + ")"
					: "the note is in French: the French deadline (" + deadlines.fr() + ") applies";
		}
		if ("en".equals(language)) {
			return french ? "note en anglais, la date limite anglaise (" + deadlines.en() + ") s'applique"
					: "the note is in English, so the English deadline (" + deadlines.en() + ") applies";
		}
		return french ? "langue non reconnue, la date limite la plus tardive s'applique"
				: "the language was not recognised, so the later deadline applies";
	}

}
