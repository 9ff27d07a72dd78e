package guichet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a reliability test observed, one row per case, appended to
 * {@code target/reliability/
 *
<table>
 * .tsv}; the report {@code docs/RELIABILITY.md} is rendered from these rows by
 * {@code scripts/reliability-report.sh}, never written by hand. Each test class writes
 * its own table, which it empties when it starts.
 */
public final class Reliability {

	public static final Path DIRECTORY = Path.of("target", "reliability");

	private final Path file;

	private Reliability(Path file) {
		this.file = file;
	}

	/** A fresh table: the rows of an earlier run of the same tests are dropped. */
	public static Reliability table(String name) {
		try {
			Files.createDirectories(DIRECTORY);
			Path file = DIRECTORY.resolve(name + ".tsv");
			Files.writeString(file, "class\tcase\tstate\treason\tflags\tlost\n", StandardCharsets.UTF_8);
			return new Reliability(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One case and its outcome.
	 * @param inputClass the kind of input or fault ("corpus mail", "malformed MIME", …)
	 * @param name the case
	 * @param state FILED, IGNORED or QUARANTINED (or what a fault test observed)
	 * @param reason the reason code the admin reads, or the note's problem
	 * @param flags the application's flags, if filed
	 * @param lost how many messages of this case were lost or duplicated: 0 is "nothing
	 * lost"
	 */
	public synchronized void record(String inputClass, String name, String state, String reason, String flags,
			int lost) {
		String row = String.join("\t", clean(inputClass), clean(name), clean(state), clean(reason), clean(flags),
				String.valueOf(lost)) + "\n";
		try {
			Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The reason's code: the part before the first colon ("TOO_LARGE: the message has…"
	 * gives TOO_LARGE).
	 */
	public static String code(String reason) {
		if (reason == null) {
			return "";
		}
		int colon = reason.indexOf(':');
		return colon > 0 ? reason.substring(0, colon) : reason;
	}

	private static String clean(String value) {
		if (value == null) {
			return "";
		}
		String flat = value.replaceAll("[\\t\\r\\n|]+", " ").strip();
		return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
	}

}
