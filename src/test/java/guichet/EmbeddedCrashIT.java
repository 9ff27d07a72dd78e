package guichet;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import guichet.postgres.EmbeddedServer;
import guichet.postgres.Postmaster;
import guichet.support.Committee;
import guichet.support.Reliability;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #18 on the packaged jar, on the embedded PostgreSQL as README's first command
 * runs it: durable (the settings read back from the running server), killed with SIGKILL
 * in the middle of a batch, started again by the test and healthy within 60 s, with
 * nothing lost or duplicated and no PostgreSQL left behind; then {@code backup} of the
 * running instance and {@code restore} into a new folder give the same applications and
 * the same raw bytes. Runs after {@code package} (failsafe), in {@code ./mvnw -B verify}.
 */
class EmbeddedCrashIT {

	static final int APPLICANTS = 50;

	static final int MESSAGES = 2 * APPLICANTS;

	static final Path WORK = Path.of("target", "embedded-crash-it").toAbsolutePath();

	static final Path DATA = WORK.resolve("data");

	GreenMail greenMail;

	final List<Process> processes = new ArrayList<>();

	final List<EmbeddedServer> servers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.servers.forEach(EmbeddedServer::close);
		this.processes.forEach(Process::destroyForcibly);
		if (this.greenMail != null) {
			this.greenMail.stop();
		}
	}

	@Test
	void aGuichetOnTheEmbeddedDatabaseKilledInABatchComesBackWholeAndItsBackupRestoresTheSame() throws Exception {
		Path jar = Path.of("target", "guichet.jar");
		assumeTrue(Files.exists(jar), "run after package: ./mvnw -B verify");
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		this.greenMail = TestMailServer.start();
		this.greenMail.setUser(Committee.SHARED, Committee.SHARED, Committee.PASSWORD);
		for (int i = 0; i < APPLICANTS; i++) {
			for (int copy = 0; copy < 2; copy++) {
				TestMail.application()
					.from("applicant" + i + "@applicants.example")
					.subject("Candidature " + i)
					.body("Bonjour, voici la candidature numero " + i + ".")
					.appendTo(this.greenMail, Committee.SHARED, new Date());
			}
		}
		int port = freePort();

		Process first = start(jar, port, "first");
		JdbcClient jdbc = await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(200))
			.until(EmbeddedCrashIT::database, client -> client != null && count(client, "select 1") == 1);
		await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> count(jdbc, "select count(*) from message where state <> 'PENDING'") >= 10);
		Map<String, String> durability = new HashMap<>();
		for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
			durability.put(setting, jdbc.sql("show " + setting).query(String.class).single());
		}
		Postmaster postmaster = Postmaster.of(DATA.resolve("postgres")).orElseThrow();
		ProcessHandle server = ProcessHandle.of(postmaster.pid()).orElseThrow();
		int storedAtKill = count(jdbc, "select count(*) from message");
		long killed = System.nanoTime();
		first.destroyForcibly();
		// the kill resets Guichet's SMTP connection to GreenMail, whose thread then
		// throws: not this test's failure
		await().dontCatchUncaughtExceptions()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !server.isAlive());
		long outlivedMs = (System.nanoTime() - killed) / 1_000_000;

		long restarted = System.nanoTime();
		Process second = start(jar, port, "second");
		await().dontCatchUncaughtExceptions()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> healthy(port));
		long healthyMs = (System.nanoTime() - restarted) / 1_000_000;
		JdbcClient after = database();
		await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> count(after, "select count(*) from message where state <> 'PENDING'") == MESSAGES && count(
					after,
					"select count(*) from outbox where kind = 'ACKNOWLEDGEMENT' and state = 'SENT'") == APPLICANTS);
		await().atMost(Duration.ofSeconds(20)).until(() -> acknowledgements().size() >= APPLICANTS);

		Path backup = WORK.resolve("backups").resolve("running.zip");
		String backupOutput = command(jar, "backup", backup.toString(), "--guichet.embedded.data-dir=" + DATA);
		int rows = count(after, "select count(*) from message");
		int filed = count(after, "select count(*) from message where state = 'FILED'");
		int applications = count(after, "select count(*) from application");
		int copies = count(after, "select count(*) from submission where copies = 2");
		int acknowledgementRows = count(after, "select count(*) from outbox where kind = 'ACKNOWLEDGEMENT'");
		second.destroy();
		assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("a clean stop").isTrue();
		List<Long> left = postgresRunningOn(DATA.resolve("postgres"));

		Path restored = WORK.resolve("restored");
		String restoreOutput = command(jar, "restore", backup.toString(), "--guichet.embedded.data-dir=" + restored);
		Map<String, Object> original = contents(DATA);
		Map<String, Object> copy = contents(restored);

		Reliability.table("embedded-crash")
			.record("fault: kill -9 of the packaged jar on the embedded PostgreSQL, restart",
					"killed at " + storedAtKill + " stored; PostgreSQL stopped " + outlivedMs + " ms after; healthy "
							+ healthyMs + " ms after the restart",
					"FILED " + filed + "/" + MESSAGES,
					applications + " applications, " + acknowledgementRows
							+ " acknowledgement rows, backup and restore: "
							+ (original.equals(copy) ? "same" : "DIFFERENT"),
					String.valueOf(durability), Math.abs(MESSAGES - rows) + Math.abs(APPLICANTS - applications));
		System.out.printf(
				"embedded crash: PostgreSQL outlived the killed Guichet by %d ms; healthy %d ms after the restart%n",
				outlivedMs, healthyMs);
		assertThat(durability).containsEntry("fsync", "on")
			.containsEntry("synchronous_commit", "on")
			.containsEntry("full_page_writes", "on");
		assertThat(storedAtKill).isLessThan(MESSAGES);
		assertThat(
				Files.readString(WORK.resolve("second.log")).lines().filter(line -> line.contains("Crash recovery:")))
			.as("one line explains the recovery")
			.hasSize(1);
		assertThat(rows).isEqualTo(MESSAGES);
		assertThat(filed).isEqualTo(MESSAGES);
		assertThat(applications).isEqualTo(APPLICANTS);
		assertThat(copies).isEqualTo(APPLICANTS);
		assertThat(acknowledgementRows).isEqualTo(APPLICANTS);
		assertThat(acknowledgements()).hasSize(APPLICANTS)
			.allSatisfy((applicant, ids) -> assertThat(ids).as(applicant).hasSize(1));
		assertThat(left).as("PostgreSQL processes still running on the data folder").isEmpty();
		assertThat(backupOutput).contains("Backup of the running Guichet's database");
		assertThat(restoreOutput).contains("Restored " + backup);
		assertThat(copy).isEqualTo(original);
		assertThat((List<?>) copy.get("applications")).hasSize(APPLICANTS);
		assertThat((List<?>) copy.get("raw")).hasSize(MESSAGES);
	}

	/**
	 * The applications and every message's raw bytes (their SHA-256, computed by the
	 * server), by id.
	 */
	private Map<String, Object> contents(Path data) {
		EmbeddedServer server = EmbeddedServer.start(data, false);
		this.servers.add(server);
		JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(server.jdbcUrl()));
		return Map.of("applications",
				jdbc.sql("select id || ' ' || applicant_email || ' ' || subject || ' v' || version"
						+ " || ' ' || status from application order by id")
					.query(String.class)
					.list(),
				"raw",
				jdbc.sql(
						"select id || ' ' || encode(sha256(raw), 'hex') || ' ' || length(raw) from message order by id")
					.query(String.class)
					.list());
	}

	/**
	 * The running Guichet's embedded database, from the port in its postmaster.pid; null
	 * before it runs.
	 */
	private static JdbcClient database() {
		return Postmaster.of(DATA.resolve("postgres"))
			.map(postmaster -> JdbcClient.create(new DriverManagerDataSource(
					"jdbc:postgresql://localhost:%d/postgres?user=postgres".formatted(postmaster.port()))))
			.orElse(null);
	}

	private Process start(Path jar, int port, String name) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
				"-XX:CompileThresholdScaling=0.2", "-jar", jar.toString()));
		Map<String, String> settings = new HashMap<>();
		// no spring.datasource.url: the embedded PostgreSQL, durable by default
		settings.put("guichet.embedded.data-dir", DATA.toString());
		settings.put("guichet.embedded.backup.directory", WORK.resolve("scheduled-backups").toString());
		settings.put("server.port", String.valueOf(port));
		settings.put("guichet.mailboxes[0].name", "shared");
		settings.put("guichet.mailboxes[0].protocol", "imap");
		settings.put("guichet.mailboxes[0].host", "127.0.0.1");
		settings.put("guichet.mailboxes[0].port", String.valueOf(this.greenMail.getImap().getPort()));
		settings.put("guichet.mailboxes[0].username", Committee.SHARED);
		settings.put("guichet.mailboxes[0].password", Committee.PASSWORD);
		settings.put("guichet.mailboxes[0].poll-interval", "200ms");
		settings.put("guichet.mailboxes[0].after-processing", "MOVE");
		settings.put("guichet.intake.batch-size", "20");
		settings.put("guichet.smtp.host", "127.0.0.1");
		settings.put("guichet.smtp.port", String.valueOf(this.greenMail.getSmtp().getPort()));
		settings.put("guichet.outbox.interval", "200");
		settings.put("guichet.security.users[0].username", "admin");
		settings.put("guichet.security.users[0].password", "{noop}crash-admin");
		settings.put("guichet.security.users[0].role", "ADMIN");
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(WORK.resolve(name + ".log").toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	/** A command on the same jar; its output, once it ended with status 0. */
	private String command(Path jar, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
		command.addAll(List.of(arguments));
		File log = WORK.resolve(arguments[0] + ".log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		this.processes.add(process);
		assertThat(process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).as(arguments[0] + " ended").isTrue();
		String output = Files.readString(log.toPath());
		assertThat(process.exitValue()).as(arguments[0] + ":\n" + output).isZero();
		return output;
	}

	private static boolean healthy(int port) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Every process (on Linux) working in the folder, as a postmaster does in its data
	 * folder.
	 */
	private static List<Long> postgresRunningOn(Path folder) throws IOException {
		Path real = folder.toRealPath();
		try (Stream<Path> all = Files.list(Path.of("/proc"))) {
			return all.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter(path -> {
					try {
						return Files.readSymbolicLink(path.resolve("cwd")).equals(real);
					}
					catch (IOException ex) {
						return false;
					}
				})
				.map(path -> Long.parseLong(path.getFileName().toString()))
				.toList();
		}
	}

	/** Per applicant, the Message-IDs of the acknowledgements received. */
	private Map<String, Set<String>> acknowledgements() throws Exception {
		Map<String, Set<String>> perApplicant = new HashMap<>();
		for (MimeMessage message : this.greenMail.getReceivedMessages()) {
			if ("acknowledgement".equalsIgnoreCase(message.getHeader("X-Guichet", ","))) {
				for (var recipient : message.getAllRecipients()) {
					perApplicant.computeIfAbsent(recipient.toString().toLowerCase(), key -> new HashSet<>())
						.add(message.getMessageID());
				}
			}
		}
		return perApplicant;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int count(JdbcClient jdbc, String sql) {
		if (jdbc == null) {
			return -1;
		}
		try {
			return jdbc.sql(sql).query(Integer.class).single();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

}
