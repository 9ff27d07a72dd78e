package guichet.application;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.dedup.ContentFingerprint;
import guichet.dedup.Envelope;
import guichet.dedup.NotAnApplication;
import guichet.intake.IntakeProperties;
import guichet.language.Language;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads sample applications ({@code warm-up/} in the jar: one note in French and one in English, as PDF, DOCX, ODT
 * and in the mail's body) for {@code guichet.intake.warm-up} before the mailboxes are first polled. A freshly
 * started JVM reads a note several times slower than a warm one, and compiling the hot code costs as much CPU as the
 * reading itself on a small machine; after a restart into a backlog (the last hours before a deadline) the first
 * applications would wait for it. The warm-up starts while the rest of Guichet starts, on every core, and the
 * mailbox routes start once it is done (issue #7). It also checks that notes can be read at all: a sample read
 * wrongly is logged as an error.
 */
@Component
public class WarmUp implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

	private static final Session SESSION = Session.getInstance(new Properties());

	/** The samples, with the language each must be read in. */
	record Sample(String name, byte[] raw, Language language) {
	}

	/** What a warm-up did: how many sample messages were read, in how long, and which were read wrongly. */
	public record Result(int messagesRead, Duration took, List<String> problems) {
	}

	private final Assessor assessor;

	private final Duration duration;

	private final CompletableFuture<Result> result;

	private volatile boolean running;

	public WarmUp(Assessor assessor, IntakeProperties intake) {
		this.assessor = assessor;
		this.duration = intake.warmUp();
		// started now, while the rest of the application starts; awaited in start(), before Camel's routes start
		this.result = this.duration.isZero() ? CompletableFuture.completedFuture(new Result(0, Duration.ZERO, List.of()))
				: CompletableFuture.supplyAsync(() -> run(samples(), this.duration),
						runnable -> new Thread(runnable, "warm-up").start());
	}

	/**
	 * Reads the samples over and over on as many threads as there are cores, for about {@code duration}, and at least
	 * once each.
	 */
	Result run(List<Sample> samples, Duration duration) {
		long started = System.nanoTime();
		long until = started + duration.toNanos();
		AtomicInteger read = new AtomicInteger();
		List<String> problems = check(samples, read);
		int threads = Runtime.getRuntime().availableProcessors();
		List<Thread> readers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int offset = t;
			var reader = new Thread(() -> {
				for (int i = offset; System.nanoTime() < until; i++) {
					read(samples.get(i % samples.size()));
					read.incrementAndGet();
				}
			}, "warm-up-" + t);
			reader.start();
			readers.add(reader);
		}
		for (Thread reader : readers) {
			try {
				reader.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return new Result(read.get(), Duration.ofNanos(System.nanoTime() - started), problems);
	}

	/** Each sample once, checked: a note that cannot be read here will not be read in an application either. */
	private List<String> check(List<Sample> samples, AtomicInteger read) {
		List<String> problems = new ArrayList<>();
		for (Sample sample : samples) {
			Assessment assessment = read(sample);
			read.incrementAndGet();
			if (!assessment.reading().hasNote() || assessment.reading().isUnreadable()
					|| assessment.language() != sample.language()) {
				problems.add("%s read as %s, note %s%s".formatted(sample.name(), assessment.language().code(),
						assessment.reading().hasNote() ? "found" : "not found",
						assessment.reading().isUnreadable() ? ", " + assessment.reading().unreadableReason() : ""));
			}
		}
		return problems;
	}

	/** What the intake does with a message before the database: parse, envelope, filters, fingerprint, assessment. */
	private Assessment read(Sample sample) {
		try {
			var message = new MimeMessage(SESSION, new ByteArrayInputStream(sample.raw()));
			Envelope envelope = Envelope.of(message);
			NotAnApplication.reasonFor(message, envelope, "guichet@warm-up.invalid");
			ContentFingerprint.of(message, sample.raw());
			return this.assessor.assess(message, Instant.EPOCH);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Warm-up sample " + sample.name() + " is not a message", ex);
		}
	}

	static List<Sample> samples() {
		List<Sample> samples = new ArrayList<>();
		for (Language language : List.of(Language.FR, Language.EN)) {
			String name = "sample-" + language.code();
			samples.add(new Sample(name + ".pdf", message(language, name + ".pdf", "application/pdf"), language));
			samples.add(new Sample(name + ".docx", message(language, name + ".docx",
					"application/vnd.openxmlformats-officedocument.wordprocessingml.document"), language));
			samples.add(new Sample(name + ".odt", message(language, name + ".odt",
					"application/vnd.oasis.opendocument.text"), language));
			samples.add(new Sample(name + " in the body", message(language, null, null), language));
		}
		return samples;
	}

	private static byte[] message(Language language, String filename, String mediaType) {
		try {
			var message = new MimeMessage(SESSION);
			message.setFrom(new InternetAddress("applicant@warm-up.invalid"));
			message.setRecipients(MimeMessage.RecipientType.TO, "committee@warm-up.invalid");
			message.setSubject(language == Language.FR ? "Candidature (exemple)" : "Application (example)", "UTF-8");
			String text = new String(resource("source/sample-" + language.code() + ".txt"),
					java.nio.charset.StandardCharsets.UTF_8);
			if (filename == null) {
				message.setText(text, "UTF-8");
			}
			else {
				var body = new MimeBodyPart();
				body.setText(language == Language.FR ? "Bonjour,\n\nVeuillez trouver notre note ci-jointe.\n"
						: "Hello,\n\nPlease find our note attached.\n", "UTF-8");
				var note = new MimeBodyPart();
				note.setDataHandler(new jakarta.activation.DataHandler(
						new jakarta.mail.util.ByteArrayDataSource(resource(filename), mediaType)));
				note.setFileName(filename);
				message.setContent(new MimeMultipart(body, note));
			}
			message.saveChanges();
			var out = new ByteArrayOutputStream();
			message.writeTo(out);
			return out.toByteArray();
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("Could not make the warm-up sample " + filename, ex);
		}
	}

	private static byte[] resource(String name) {
		try (InputStream in = WarmUp.class.getResourceAsStream("/warm-up/" + name)) {
			if (in == null) {
				throw new IllegalStateException("The warm-up sample warm-up/" + name + " is missing from the jar");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits for the warm-up before Camel starts the mailbox routes (a lower phase than Camel's starts first). */
	@Override
	public void start() {
		try {
			Result done = this.result.get(this.duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
			if (done.messagesRead() > 0) {
				log.info("Warm-up: read {} sample messages in {} ms", done.messagesRead(), done.took().toMillis());
			}
			done.problems().forEach(problem -> log.error("Warm-up: the sample {}: notes may not be read correctly", problem));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// a warm-up is an optimisation: Guichet starts without it, and says why
			log.error("Warm-up failed; the first messages will be read more slowly", ex);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Camel's SpringCamelContext starts at Integer.MAX_VALUE - 2049
		return Integer.MAX_VALUE - 4096;
	}

	/** The warm-up's outcome, once done: for the start-up report and tests. */
	public Result result() {
		return this.result.getNow(null);
	}

}
