package guichet.note;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import guichet.language.LanguageDetector;
import guichet.support.TestMail;
import jakarta.mail.internet.MimeMessage;

/**
 * What reading one application costs once the beans are warm: each test note, attached to
 * an email, is read and its language detected many times, and the median is printed. Run
 * it from the IDE, or: <pre>
 * ./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) guichet.note.NoteReadingCost
 * </pre>
 */
public final class NoteReadingCost {

	private static final int DEFAULT_ROUNDS = 100;

	private static final int WARM_UP_ROUNDS = 10;

	private NoteReadingCost() {
	}

	public static void main(String[] args) throws IOException {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
		long start = System.nanoTime();
		var reader = new NoteReader(NoteFormatsTests.CALL, NoteLimits.defaults(), 0);
		long readerReady = System.nanoTime();
		var detector = new LanguageDetector();
		long detectorReady = System.nanoTime();
		var runtime = Runtime.getRuntime();
		System.gc();
		System.out.printf(Locale.ROOT, "NoteReader built in %d ms, LanguageDetector in %d ms, heap in use %d MB%n",
				(readerReady - start) / 1_000_000, (detectorReady - readerReady) / 1_000_000,
				(runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
		List<Double> medians = new ArrayList<>();
		try (var notes = Files.list(NoteFiles.NOTES)) {
			for (var note : notes.filter((file) -> file.toString().matches(".*\\.(pdf|docx|odt)$")).sorted().toList()) {
				MimeMessage message = TestMail.application()
					.body("Bonjour, voici notre note.")
					.attach(note, "application/octet-stream")
					.parsed();
				double[] millis = new double[rounds];
				double[] reading = new double[rounds];
				for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
					long before = System.nanoTime();
					var read = reader.read(message);
					long between = System.nanoTime();
					detector.detect(read.languageText());
					if (round >= 0) {
						millis[round] = (System.nanoTime() - before) / 1e6;
						reading[round] = (between - before) / 1e6;
					}
				}
				Arrays.sort(millis);
				Arrays.sort(reading);
				double median = millis[rounds / 2];
				medians.add(median);
				System.out.printf(Locale.ROOT,
						"%-22s read()+detect() median %6.2f ms (read() alone %6.2f ms), p90 %6.2f ms%n",
						note.getFileName(), median, reading[rounds / 2], millis[rounds * 9 / 10]);
			}
		}
		double[] all = medians.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		System.out.printf(Locale.ROOT, "median of the per-note medians: %.2f ms over %d notes%n", all[all.length / 2],
				all.length);
		reader.close();
	}

}
