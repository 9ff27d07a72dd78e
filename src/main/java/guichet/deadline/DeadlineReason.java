package guichet.deadline;

import org.springframework.stereotype.Component;

/**
 * Why a deadline applies, in plain words (CONTRACT §3): each language of the call has its
 * own deadline, and a note whose language is not recognised gets the later one. Shown on
 * the application page and in the digest.
 */
@Component
public class DeadlineReason {

	private final CallProperties call;

	public DeadlineReason(CallProperties call) {
		this.call = call;
	}

	/** The reason in French or English; "" when there is nothing to explain. */
	public String of(String language, boolean late, boolean french) {
		var deadlines = this.call.deadlines();
		if ("fr".equals(language)) {
			if (late && deadlines.en().isAfter(deadlines.fr())) {
				return french ? "note en français, la date limite française (" + deadlines.fr()
						+ ") s'applique, même si celle de l'appel en anglais (" + deadlines.en() + ") est plus tardive"
						: "the note is in French, so the French deadline (" + deadlines.fr()
								+ ") applies, even though the English call's deadline (" + deadlines.en()
								+ ") is later";
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
