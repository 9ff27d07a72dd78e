package guichet.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import guichet.intake.ReceivedMessage;
import guichet.intake.ReceptionTime;
import guichet.support.HostileGuichet;
import guichet.support.MalformedMail;
import guichet.support.Reliability;
import guichet.support.TestMail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes arrive, the clerk stores them once and they end FILED, IGNORED or
 * QUARANTINED, without an exception and within a bounded time (CONTRACT §5).
 * {@code ./mvnw verify} replays the seeds (the project's mails, each project note as an
 * application's attachment, the mails of {@code ../shared/corpus} when present) and fixed
 * mutations of them, the way transfers and hostile senders mutate mail, plus any finding
 * saved under {@code FilingFuzzTestsInputs/}; {@code scripts/fuzz.sh} lets Jazzer mutate
 * them for real.
 */
class FilingFuzzTests {

	private static final Path CORPUS_MAIL = Path.of("..", "shared", "corpus", "mail");

	private static final Path NOTES = Path.of("src", "test", "resources", "notes");

	/**
	 * Mutations replayed in every build; the seed is fixed so that a failure is
	 * reproducible.
	 */
	private static final int MUTATIONS = 150;

	private static final AtomicInteger location = new AtomicInteger();

	private static final Map<String, AtomicInteger> outcomes = new TreeMap<>();

	/**
	 * Guichet is started by the first input, not before: Jazzer's agent, installed when
	 * the inputs are provided, must see its classes load (classes it instruments
	 * afterwards failed with NoSuchFieldError). The filing runs on the test's own thread,
	 * as Jazzer's coverage expects.
	 */
	@MethodSource("seeds")
	@FuzzTest(maxDuration = "5m")
	void everyMessageEndsFiledIgnoredOrQuarantined(byte[] raw) {
		var message = new ReceivedMessage("fuzz", "fuzz:" + location.incrementAndGet(), null, null, raw,
				new ReceptionTime(Instant.now(), ReceptionTime.Source.FETCH_TIME));

		HostileGuichet guichet = guichet();
		Filing filing = guichet.context.getBean(Clerk.class).file(message);

		String state = guichet.jdbc()
			.sql("select state from message where id = :id")
			.param("id", filing.messageId())
			.query(String.class)
			.single();
		assertThat(state).isIn("FILED", "IGNORED", "QUARANTINED");
		synchronized (outcomes) {
			outcomes.computeIfAbsent(state, key -> new AtomicInteger()).incrementAndGet();
		}
	}

	private static synchronized HostileGuichet guichet() {
		// Guichet's database, mail server and API are on loopback, and its threads
		// connect to them whenever they
		// like: not the request forgery Jazzer's detector looks for, which any other
		// address still is
		BugDetectors.allowNetworkConnections((host, port) -> {
			try {
				return java.net.InetAddress.getByName(host).isLoopbackAddress();
			}
			catch (java.net.UnknownHostException ex) {
				return false;
			}
		});
		return HostileGuichet.get();
	}

	@AfterAll
	static void record() {
		var table = Reliability.table("fuzz");
		synchronized (outcomes) {
			outcomes.forEach((state, count) -> table.record(
					"fuzz: corpus MIME, its " + MUTATIONS + " fixed mutations and Jazzer's findings", count + " inputs",
					state, "", "", 0));
		}
	}

	static Stream<Arguments> seeds() {
		Map<String, byte[]> seeds = new TreeMap<>();
		seeds.put("application",
				TestMail.application()
					.attach("note.txt", "text/plain", "Bonjour".getBytes(StandardCharsets.UTF_8))
					.bytes());
		MalformedMail.all().forEach((name, raw) -> {
			if (raw.length < 64 * 1024) {
				seeds.put("malformed-" + name, raw);
			}
		});
		for (Path note : files(NOTES)) {
			seeds.put("note-" + note.getFileName(),
					TestMail.application()
						.attach(note.getFileName().toString(), "application/octet-stream", read(note))
						.bytes());
		}
		for (Path mail : files(CORPUS_MAIL)) {
			byte[] raw = read(mail);
			if (raw.length < 64 * 1024) {
				seeds.put("corpus-" + mail.getFileName(), raw);
			}
		}
		List<Map.Entry<String, byte[]>> originals = new ArrayList<>(seeds.entrySet());
		var random = new Random(20191219);
		for (int i = 0; i < MUTATIONS; i++) {
			var original = originals.get(random.nextInt(originals.size()));
			int kind = random.nextInt(7);
			seeds.put(String.format("mutation-%03d-%d-of-%s", i, kind, original.getKey()),
					mutate(original.getValue(), kind, new Random(random.nextLong())));
		}
		return seeds.entrySet().stream().map(seed -> Arguments.of(Named.of(seed.getKey(), seed.getValue())));
	}

	static byte[] mutate(byte[] original, int kind, Random random) {
		byte[] raw = original.clone();
		if (raw.length == 0) {
			return raw;
		}
		int at = random.nextInt(raw.length);
		return switch (kind) {
			case 0 -> { // flipped bytes
				for (int i = 0; i < 1 + random.nextInt(20); i++) {
					raw[random.nextInt(raw.length)] ^= (byte) (1 << random.nextInt(8));
				}
				yield raw;
			}
			case 1 -> Arrays.copyOf(raw, at); // truncated
			case 2 -> { // a range cut out
				int end = Math.min(raw.length, at + random.nextInt(2000));
				byte[] cut = new byte[raw.length - (end - at)];
				System.arraycopy(raw, 0, cut, 0, at);
				System.arraycopy(raw, end, cut, at, raw.length - end);
				yield cut;
			}
			case 3 -> { // a range repeated
				int end = Math.min(raw.length, at + random.nextInt(500));
				byte[] twice = new byte[raw.length + (end - at)];
				System.arraycopy(raw, 0, twice, 0, end);
				System.arraycopy(raw, at, twice, end, raw.length - at);
				yield twice;
			}
			case 4 -> replaceAll(raw, "boundary=",
					List.of("boundary=\"\"", "boundary=", "boundary=x", "bound=").get(random.nextInt(4)), "\r\n--",
					List.of("\r\n-", "\r\n---", "\r\n").get(random.nextInt(3)));
			case 5 -> { // a header mangled: 8-bit bytes, NUL, no colon, a huge line
				String header = List
					.of("Content-Type: multipart/mixed; boundary=", "Subject: \u00e9\u0000\u00ff", "From",
							"Content-Transfer-Encoding: base64", "Content-Type: text/plain; charset=x-unknown",
							"X-Long: " + "z".repeat(20_000))
					.get(random.nextInt(6));
				yield MalformedMail.concat(header.getBytes(StandardCharsets.ISO_8859_1),
						"\r\n".getBytes(StandardCharsets.ISO_8859_1), raw);
			}
			default -> { // random bytes spliced in
				byte[] noise = new byte[1 + random.nextInt(64)];
				random.nextBytes(noise);
				yield MalformedMail.concat(Arrays.copyOf(raw, at), noise, Arrays.copyOfRange(raw, at, raw.length));
			}
		};
	}

	private static byte[] replaceAll(byte[] raw, String from1, String to1, String from2, String to2) {
		String text = new String(raw, StandardCharsets.ISO_8859_1).replace(from1, to1).replace(from2, to2);
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * The regular files of a directory, sorted; none when it is absent (../shared/corpus
	 * is optional).
	 */
	static List<Path> files(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (var files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
