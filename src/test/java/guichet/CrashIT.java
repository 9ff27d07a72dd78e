package guichet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import guichet.support.Committee;
import guichet.support.Reliability;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CONTRACT §5, "a crash at any point loses nothing and duplicates nothing", with a real
 * crash: the packaged jar is started as its own process on 200 waiting messages, killed
 * with SIGKILL in the middle of the batch, started again, and then every message must be
 * stored once, every application made once and every applicant answered once. The restart
 * runs the jar extracted as the Docker image runs it
 * ({@code java -Djarmode=tools -jar … extract}), so that layout is started here too. Runs
 * after {@code package} (failsafe), in {@code ./mvnw -B verify}.
 */
class CrashIT {

	static final int APPLICANTS = 100;

	static final int MESSAGES = 2 * APPLICANTS;

	GreenMail greenMail;

	final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() {
		processes.forEach(Process::destroyForcibly);
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	@Test
	void aGuichetKilledInTheMiddleOfABatchStoresEverythingOnceAfterARestart() throws Exception {
		Path jar = Path.of("target", "guichet.jar");
		assumeTrue(Files.exists(jar), "run after package: ./mvnw -B verify");
		greenMail = TestMailServer.start();
		greenMail.setUser(Committee.SHARED, Committee.SHARED, Committee.PASSWORD);
		String database = TestDatabase.newDatabaseUrl();
		// each applicant sends the same submission twice (two Message-IDs, same content):
		// 200 messages, 100 applications
		for (int i = 0; i < APPLICANTS; i++) {
			for (int copy = 0; copy < 2; copy++) {
				TestMail.application()
					.from("applicant" + i + "@applicants.example")
					.subject("Candidature " + i)
					.body("Bonjour, voici la candidature numero " + i + ".")
					.appendTo(greenMail, Committee.SHARED, new Date());
			}
		}
		JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database));

		Process first = start(jar, database, "first");
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> count(jdbc, "select count(*) from message where state <> 'PENDING'") >= 20);
		first.destroyForcibly().waitFor();
		int storedAtKill = count(jdbc, "select count(*) from message");
		int ackedAtKill = count(jdbc, "select count(*) from outbox where state = 'SENT'");

		Process second = start(extracted(jar), database, "second");
		await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> count(jdbc, "select count(*) from message where state <> 'PENDING'") == MESSAGES && count(jdbc,
					"select count(*) from outbox where kind = 'ACKNOWLEDGEMENT' and state = 'SENT'") == APPLICANTS);
		await().atMost(Duration.ofSeconds(20)).until(() -> acknowledgementsReceived().size() >= APPLICANTS);
		Thread.sleep(2000); // a duplicate acknowledgement would arrive within the
							// outbox's next runs
		second.destroy();

		int rows = count(jdbc, "select count(*) from message");
		int filed = count(jdbc, "select count(*) from message where state = 'FILED'");
		int applications = count(jdbc, "select count(*) from application");
		int acknowledgements = count(jdbc, "select count(*) from outbox where kind = 'ACKNOWLEDGEMENT'");
		Map<String, Integer> received = acknowledgementsReceived();
		Reliability.table("crash")
			.record("fault: kill -9 of the packaged jar in a batch of 200, restart",
					"killed at " + storedAtKill + " stored / " + ackedAtKill + " acknowledged",
					"FILED " + filed + "/" + MESSAGES,
					applications + " applications, " + acknowledgements + " acknowledgement rows",
					received.size() + " applicants answered, at most "
							+ received.values().stream().mapToInt(Integer::intValue).max().orElse(0) + " each",
					Math.abs(MESSAGES - rows) + Math.abs(APPLICANTS - received.size()));
		assertThat(storedAtKill).isLessThan(MESSAGES);
		assertThat(rows).isEqualTo(MESSAGES);
		assertThat(filed).isEqualTo(MESSAGES);
		assertThat(applications).isEqualTo(APPLICANTS);
		assertThat(count(jdbc, "select count(*) from submission where copies = 2")).isEqualTo(APPLICANTS);
		assertThat(acknowledgements).isEqualTo(APPLICANTS);
		assertThat(count(jdbc, "select count(*) from outbox where kind = 'ACKNOWLEDGEMENT' and state = 'SENT'"))
			.isEqualTo(APPLICANTS);
		assertThat(received).hasSize(APPLICANTS);
		// One acknowledgement per applicant, written and sent once as far as the database
		// knows. SMTP cannot take part
		// in a transaction: if the kill lands after the server stored the mail but before
		// the SENT row committed, that
		// one mail in flight (sending is sequential) is sent again, byte for byte with
		// the same Message-ID (docs/COMMITTEE.md,
		// "Exactly once"). So: one distinct acknowledgement each, and at most one resend
		// in all.
		assertThat(distinctAcknowledgements()).hasSize(APPLICANTS)
			.allSatisfy((applicant, ids) -> assertThat(ids).as(applicant).hasSize(1));
		int resends = received.values().stream().mapToInt(Integer::intValue).sum() - APPLICANTS;
		assertThat(resends).as("byte-identical resends of the mail in flight at the kill").isLessThanOrEqualTo(1);
	}

	/** Per applicant, the Message-IDs of the acknowledgements received. */
	private Map<String, java.util.Set<String>> distinctAcknowledgements() throws Exception {
		Map<String, java.util.Set<String>> perApplicant = new HashMap<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			if ("acknowledgement".equalsIgnoreCase(message.getHeader("X-Guichet", ","))) {
				for (var recipient : message.getAllRecipients()) {
					perApplicant.computeIfAbsent(recipient.toString().toLowerCase(), key -> new java.util.HashSet<>())
						.add(message.getMessageID());
				}
			}
		}
		return perApplicant;
	}

	/**
	 * The jar extracted as the Dockerfile extracts it: a small jar whose manifest names
	 * lib/*.jar.
	 */
	private static Path extracted(Path jar) throws Exception {
		Path destination = Path.of("target", "crash-it", "extracted");
		org.springframework.util.FileSystemUtils.deleteRecursively(destination);
		Files.createDirectories(destination.getParent());
		Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--destination", destination.toString())
			.redirectErrorStream(true)
			.redirectOutput(new File("target/crash-it/extract.log"))
			.start();
		assertThat(extract.waitFor()).as("extract, see target/crash-it/extract.log").isZero();
		assertThat(destination.resolve("lib")).isDirectory();
		return destination.resolve("guichet.jar");
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private Process start(Path jar, String database, String name) throws Exception {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", jar.toString()));
		Map<String, String> settings = new HashMap<>();
		settings.put("spring.datasource.url", database);
		settings.put("server.port", "0");
		settings.put("guichet.mailboxes[0].name", "shared");
		settings.put("guichet.mailboxes[0].protocol", "imap");
		settings.put("guichet.mailboxes[0].host", "127.0.0.1");
		settings.put("guichet.mailboxes[0].port", String.valueOf(greenMail.getImap().getPort()));
		settings.put("guichet.mailboxes[0].username", Committee.SHARED);
		settings.put("guichet.mailboxes[0].password", Committee.PASSWORD);
		settings.put("guichet.mailboxes[0].poll-interval", "200ms");
		settings.put("guichet.mailboxes[0].after-processing", "MOVE");
		settings.put("guichet.intake.batch-size", "50");
		settings.put("guichet.smtp.host", "127.0.0.1");
		settings.put("guichet.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
		settings.put("guichet.outbox.interval", "200");
		settings.put("guichet.security.users[0].username", "admin");
		settings.put("guichet.security.users[0].password", "{noop}crash-admin");
		settings.put("guichet.security.users[0].role", "ADMIN");
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		Files.createDirectories(Path.of("target", "crash-it"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/crash-it/" + name + ".log"))
			.start();
		processes.add(process);
		return process;
	}

	private Map<String, Integer> acknowledgementsReceived() throws Exception {
		Map<String, Integer> perApplicant = new HashMap<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			if ("acknowledgement".equalsIgnoreCase(message.getHeader("X-Guichet", ","))) {
				for (var recipient : message.getAllRecipients()) {
					perApplicant.merge(recipient.toString().toLowerCase(), 1, Integer::sum);
				}
			}
		}
		return perApplicant;
	}

	private static int count(JdbcClient jdbc, String sql) {
		try {
			return jdbc.sql(sql).query(Integer.class).single();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

}
