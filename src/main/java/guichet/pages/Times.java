package guichet.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import guichet.deadline.CallProperties;

import org.springframework.stereotype.Component;

/**
 * Instants as the committee reads them: in the call's time zone
 * ({@code ${@times.of(instant)}} in templates).
 */
@Component("times")
public class Times {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

	private final ZoneId zone;

	public Times(CallProperties call) {
		this.zone = call.timezone();
	}

	public String of(Instant instant) {
		return instant == null ? "—" : MINUTES.format(instant.atZone(this.zone));
	}

	/** The instant as a wall-clock time in the call's zone, for a spreadsheet's cell. */
	public LocalDateTime local(Instant instant) {
		return LocalDateTime.ofInstant(instant, this.zone);
	}

	public String zone() {
		return this.zone.getId();
	}

	/** "3 min", "2 h 5 min": how long ago, for a lag. */
	public String since(Instant instant) {
		if (instant == null) {
			return "—";
		}
		Duration ago = Duration.between(instant, Instant.now());
		if (ago.toMinutes() < 1) {
			return ago.toSeconds() + " s";
		}
		return ago.toHours() > 0 ? ago.toHours() + " h " + ago.toMinutesPart() + " min" : ago.toMinutes() + " min";
	}

}
