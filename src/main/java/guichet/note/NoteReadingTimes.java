package guichet.note;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * How long reading a note takes, by format ({@code guichet.note.reading},
 * docs/METRICS.md): a slow format shows up before the parse timeout does. Recorded in
 * Micrometer's global registry, to which Spring Boot adds its own, so that
 * {@link NoteReader}, also made by hand in tests and benchmarks, needs no registry of its
 * own.
 */
final class NoteReadingTimes {

	private NoteReadingTimes() {
	}

	static void record(NoteReading reading, long nanos) {
		Timer.builder("guichet.note.reading")
			.description("Reading an application's note (finding, extracting, counting pages), by format")
			.tag("format", format(reading))
			.register(Metrics.globalRegistry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * A few formats by name, so that the number of series stays small whatever the
	 * attachments claim to be.
	 */
	static String format(NoteReading reading) {
		if (reading.note() == null) {
			return "none";
		}
		if (reading.note().source() == NoteSource.BODY) {
			return "body";
		}
		String type = String.valueOf(reading.note().mediaType()).toLowerCase(Locale.ROOT);
		if (type.contains("pdf")) {
			return "pdf";
		}
		if (type.contains("wordprocessingml")) {
			return "docx";
		}
		if (type.contains("msword")) {
			return "doc";
		}
		if (type.contains("opendocument")) {
			return "odt";
		}
		if (type.contains("rtf")) {
			return "rtf";
		}
		if (type.startsWith("text/")) {
			return "text";
		}
		return "other";
	}

}
