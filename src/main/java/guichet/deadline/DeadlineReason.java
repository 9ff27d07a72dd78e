package guichet.deadline;

import java.time.Instant;
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
	 * ({@code deadline.reason.*}), for the deadline the application was judged against:
	 * if the call's deadlines were changed since, it says what they now give, and that an
	 * admin may judge again.
	 * @param language {@code fr}, {@code en} or {@code unknown}
	 * @param judgedAgainst the deadline stored with the judgement; {@code null} for the
	 * settings' own
	 */
	public String of(String language, Instant judgedAgainst, boolean late, Locale reader) {
		Language known = "fr".equals(language) ? Language.FR : "en".equals(language) ? Language.EN : null;
		if (known == null) {
			return this.messages.getMessage("deadline.reason.unknown", null, reader);
		}
		var deadlines = this.call.deadlines();
		LocalDate setting = known == Language.FR ? deadlines.fr() : deadlines.en();
		LocalDate applied = judgedAgainst == null ? setting : LocalDate.ofInstant(judgedAgainst, this.call.timezone());
		// the other language's deadline as it stood then is not known once the settings
		// changed: said only while they hold
		LocalDate later = late && applied.equals(setting) ? laterDeadlineThatDoesNotApply(this.call, known) : null;
		String key = "deadline.reason." + language + (later == null ? "" : ".notLater");
		String reason = this.messages.getMessage(key, new Object[] { applied.toString(), String.valueOf(later) },
				reader);
		return applied.equals(setting) ? reason : reason + this.messages.getMessage("deadline.reason.settingsChanged",
				new Object[] { setting.toString() }, reader);
	}

}
