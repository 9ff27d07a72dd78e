package guichet.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import guichet.language.Language;

import org.springframework.stereotype.Component;

/**
 * The call's deadlines: a note written in French is due by the end of the French deadline
 * day, a note in English by the end of the English one, both read in the call's timezone.
 * A note whose language cannot be told gets the later of the two (CONTRACT §3): the
 * applicant has the benefit of the doubt.
 */
@Component
public class DeadlinePolicy {

	private final CallProperties call;

	public DeadlinePolicy(CallProperties call) {
		this.call = call;
	}

	/**
	 * The last second of the deadline day for that language, such as 2019-12-19T22:59:59Z
	 * for French.
	 */
	public Instant deadlineFor(Language language) {
		var deadlines = this.call.deadlines();
		LocalDate day = switch (language) {
			case FR -> deadlines.fr();
			case EN -> deadlines.en();
			case UNKNOWN -> deadlines.fr().isAfter(deadlines.en()) ? deadlines.fr() : deadlines.en();
		};
		return endOf(day).minusSeconds(1);
	}

	/**
	 * LATE when the message arrived after the deadline day; anything up to 23:59:59.999
	 * that day is on time.
	 */
	public DeadlineStatus statusOf(Instant receivedAt, Language language) {
		Instant lastSecond = deadlineFor(language);
		boolean late = !receivedAt.isBefore(lastSecond.plus(1, ChronoUnit.SECONDS));
		return late ? DeadlineStatus.LATE : DeadlineStatus.ON_TIME;
	}

	private Instant endOf(LocalDate day) {
		return day.plusDays(1).atStartOfDay(this.call.timezone()).toInstant();
	}

}
