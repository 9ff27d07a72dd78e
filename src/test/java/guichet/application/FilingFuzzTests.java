package guichet.application;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import guichet.intake.ReceivedMessage;
import guichet.intake.ReceptionTime;
import guichet.support.HostileGuichet;
import guichet.support.MalformedMail;
import guichet.support.Reliability;
import guichet.support.TestMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Property: whatever bytes arrive, the clerk stores them once and they end FILED, IGNORED or QUARANTINED, without an
 * exception and within a bounded time. Inputs are real corpus messages (and generated broken ones) mutated the way
 * transfers and hostile senders mutate mail: flipped bytes, truncations, cut or repeated ranges, broken boundaries
 * and headers. The seed is fixed so that a failure is reproducible; change it to explore further.
 */
class FilingFuzzTests {

	private static final Path CORPUS_MAIL = Path.of("..", "shared", "corpus", "mail");

	private static final List<byte[]> SEEDS = seeds();

	private static final AtomicInteger location = new AtomicInteger();

	private static final Map<String, AtomicInteger> outcomes = new TreeMap<>();

	@Property(tries = 150, seed = "20191219")
	void everyMutatedMessageEndsFiledIgnoredOrQuarantined(@ForAll("mutatedMessages") byte[] raw) {
		HostileGuichet guichet = HostileGuichet.get();
		Clerk clerk = guichet.context.getBean(Clerk.class);
		var message = new ReceivedMessage("fuzz", "fuzz:" + location.incrementAndGet(), null, null, raw,
				new ReceptionTime(Instant.now(), ReceptionTime.Source.FETCH_TIME));

		Filing filing = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> clerk.file(message));

		String state = guichet.jdbc().sql("select state from message where id = :id").param("id", filing.messageId())
			.query(String.class).single();
		assertThat(state).isIn("FILED", "IGNORED", "QUARANTINED");
		synchronized (outcomes) {
			outcomes.computeIfAbsent(state, key -> new AtomicInteger()).incrementAndGet();
		}
	}

	@AfterContainer
	static void record() {
		var table = Reliability.table("fuzz");
		synchronized (outcomes) {
			outcomes.forEach((state, count) -> table.record("fuzz: mutated corpus MIME (jqwik, 150 tries)",
					count + " inputs", state, "", "", 0));
		}
	}

	@Provide
	Arbitrary<byte[]> mutatedMessages() {
		return Combinators.combine(Arbitraries.integers().between(0, SEEDS.size() - 1),
				Arbitraries.integers().between(0, 6), Arbitraries.longs())
			.as((seed, kind, noise) -> mutate(SEEDS.get(seed), kind, new Random(noise)));
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
			case 4 -> replaceAll(raw, "boundary=", List.of("boundary=\"\"", "boundary=", "boundary=x", "bound=")
				.get(random.nextInt(4)), "\r\n--", List.of("\r\n-", "\r\n---", "\r\n").get(random.nextInt(3)));
			case 5 -> { // a header mangled: 8-bit bytes, NUL, no colon, a huge line
				String header = List.of("Content-Type: multipart/mixed; boundary=", "Subject: \u00e9\u0000\u00ff",
						"From", "Content-Transfer-Encoding: base64", "Content-Type: text/plain; charset=x-unknown",
						"X-Long: " + "z".repeat(20_000)).get(random.nextInt(6));
				yield MalformedMail.concat(header.getBytes(StandardCharsets.ISO_8859_1), "\r\n".getBytes(StandardCharsets.ISO_8859_1), raw);
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


	private static List<byte[]> seeds() {
		List<byte[]> seeds = new ArrayList<>();
		if (Files.isDirectory(CORPUS_MAIL)) {
			try (var files = Files.list(CORPUS_MAIL)) {
				for (Path file : files.sorted().toList()) {
					if (Files.size(file) < 64 * 1024) {
						seeds.add(Files.readAllBytes(file));
					}
				}
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		seeds.add(TestMail.application().attach("note.txt", "text/plain", "Bonjour".getBytes(StandardCharsets.UTF_8)).bytes());
		MalformedMail.all().values().stream().filter(raw -> raw.length < 64 * 1024).forEach(seeds::add);
		return seeds;
	}

}
