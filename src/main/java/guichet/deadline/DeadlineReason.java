package guichet.deadline;

import java.time.LocalDate;
import java.util.Locale;

import guichet.language.Language;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Why a deadline applies, in plain words (CONTRACT §3): each language of the call has its
 * own deadline, and a note whose language is not recognised gets the later one. Shown on
 * the application page and in the digest, in the bundles' words; the acknowledgement says
 * it in its own, from {@link #laterDeadlineThatDoesNotApply}.
 */
@Component
public class DeadlineReason {

	private final CallProperties call;

	private final MessageSource messages;

	public DeadlineReason(CallProperties call, MessageSource messages) {
		this.call = call;
		this.messages = messages;
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
	 * The reason in the reader's language, in the bundle's words
	 * ({@code deadline.reason.*}).
	 * @param language {@code fr}, {@code en} or {@code unknown}
	 */
	public String of(String language, boolean late, Locale reader) {
		var deadlines = this.call.deadlines();
		Language known = "fr".equals(language) ? Language.FR : "en".equals(language) ? Language.EN : null;
		if (known == null) {
			return this.messages.getMessage("deadline.reason.unknown", null, reader);
		}
		LocalDate applies = known == Language.FR ? deadlines.fr() : deadlines.en();
		LocalDate later = late ? laterDeadlineThatDoesNotApply(this.call, known) : null;
		String key = "deadline.reason." + language + (later == null ? "" : ".notLater");
		return this.messages.getMessage(key, new Object[] { applies.toString(), String.valueOf(later) }, reader);
	}

}
