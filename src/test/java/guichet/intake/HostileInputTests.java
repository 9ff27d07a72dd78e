package guichet.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.HostileDocuments;
import guichet.support.MalformedMail;
import guichet.support.Reliability;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #6: every input becomes an application, an ignored message or a quarantined one,
 * with a reason; never a crash, a hang or silence. Each case goes through the real
 * pipeline: raw bytes appended to a GreenMail mailbox, polled over IMAP by the real
 * routes, filed by the real clerk into PostgreSQL. The shared corpus, generated broken
 * MIME and hostile documents are fed at once, the way a flooded mailbox would hold them;
 * then each case's final state is read back and recorded for docs/RELIABILITY.md.
 * <p>
 * An mbox file in the corpus is fed as one message, as a mailbox would hold it if someone
 * forwarded it raw.
 */
class HostileInputTests {

	static final Path CORPUS = Path.of("..", "shared", "corpus");

	static final String MAIL_BOX = "corpus@hostile.example";

	static final String OTHER_BOX = "generated@hostile.example";

	/**
	 * Messages the test mail server itself refuses to store: handed to the clerk as the
	 * reader would hand them.
	 */
	static final String DIRECT = "direct (GreenMail refuses to store it)";

	static final Set<String> SETTLED = Set.of("FILED", "IGNORED", "QUARANTINED");

	static GreenMail greenMail;

	static ConfigurableApplicationContext guichet;

	/** The cases of each mailbox, in the order they were appended (so in UID order). */
	static final Map<String, List<Case>> fed = new LinkedHashMap<>();

	static final Map<String, Outcome> outcomes = new LinkedHashMap<>();

	record Case(String inputClass, String name) {
	}

	record Outcome(Case source, String id, String state, String reason, String flags, String noteProblem) {

		String reasonOrProblem() {
			return reason != null ? reason : noteProblem;
		}

	}

	@BeforeAll
	static void feedEverythingAndWaitUntilSettled() throws IOException {
		greenMail = TestMailServer.start();
		String database = TestDatabase.newDatabaseUrl();
		Map<String, Object> properties = GuichetTestContext.properties(greenMail, database,
				List.of(MAIL_BOX, OTHER_BOX), "MARK_SEEN");
		guichet = Guichets.start(properties);

		fed.put(MAIL_BOX, new ArrayList<>());
		fed.put(OTHER_BOX, new ArrayList<>());
		fed.put(DIRECT, new ArrayList<>());
		Path mail = CORPUS.resolve("mail");
		if (Files.isDirectory(mail)) {
			for (Path file : sorted(mail)) {
				append(MAIL_BOX, new Case("corpus mail", file.getFileName().toString()), Files.readAllBytes(file));
			}
		}
		Path documents = CORPUS.resolve("documents");
		if (Files.isDirectory(documents)) {
			for (Path file : sorted(documents)) {
				String name = file.getFileName().toString();
				append(OTHER_BOX, new Case("corpus document", name),
						applicationWith(name, "application/octet-stream", Files.readAllBytes(file)));
			}
		}
		MalformedMail.all().forEach((name, raw) -> append(MAIL_BOX, new Case("malformed MIME", name), raw));
		hostile("zip bomb DOCX (1 GiB document.xml)", "note.docx",
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document", HostileDocuments.docxBomb());
		hostile("zip bomb ODT (1 GiB of text)", "note.odt", "application/vnd.oasis.opendocument.text",
				HostileDocuments.odtBomb(false));
		hostile("zip bomb ODT (1 GiB attribute)", "note.odt", "application/vnd.oasis.opendocument.text",
				HostileDocuments.odtBomb(true));
		hostile("PDF of 3000 pages", "note.pdf", "application/pdf", HostileDocuments.textPdf(3000));
		hostile("encrypted PDF (AES-256, user password)", "note.pdf", "application/pdf",
				HostileDocuments.encryptedPdf());
		hostile("scanned PDF, image only", "scan.pdf", "application/pdf", HostileDocuments.scannedPdf());
		hostile("PDF declared as image/png", "photo.png", "image/png", HostileDocuments.textPdf(1));
		hostile("executable declared as application/pdf", "note.pdf", "application/pdf", HostileDocuments.executable());
		hostile("30 MB attachment", "note.pdf", "application/pdf", HostileDocuments.randomBytes(30 * 1024 * 1024));

		int expected = fed.values().stream().mapToInt(List::size).sum();
		await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() -> settled() == expected);
		readOutcomes();
		record();
	}

	@AfterAll
	static void stop() {
		if (guichet != null) {
			guichet.close();
		}
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	@Test
	void everyInputIsStoredOnceAndEndsFiledIgnoredOrQuarantined() {
		int expected = fed.values().stream().mapToInt(List::size).sum();

		assertThat(jdbc().sql("select count(*) from message").query(Integer.class).single()).isEqualTo(expected);
		assertThat(outcomes.values())
			.allSatisfy(outcome -> assertThat(outcome.state()).as(outcome.source().name()).isIn(SETTLED));
		assertThat(outcomes.values()).filteredOn(outcome -> !outcome.state().equals("FILED"))
			.allSatisfy(outcome -> assertThat(outcome.reason()).as(outcome.source().name()).isNotBlank());
		assertThat(jdbc().sql(
				"select count(*) from message where state = 'FILED' and submission_id is null and correspondence_id is null")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void theWholeSharedCorpusWasFed() {
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(CORPUS), "the shared corpus is not available");

		assertThat(outcomes.values().stream().filter(outcome -> outcome.source().inputClass().startsWith("corpus")))
			.hasSizeGreaterThanOrEqualTo(130);
	}

	@Test
	void hostileDocumentsMakeTheNoteUnreadableWithTheRightReason() {
		assertThat(outcome("zip bomb DOCX (1 GiB document.xml)").flags()).contains("NOTE_UNREADABLE");
		assertThat(outcome("zip bomb ODT (1 GiB of text)").flags()).contains("NOTE_UNREADABLE");
		assertThat(outcome("zip bomb ODT (1 GiB of text)").noteProblem()).startsWith("TOO_MUCH_TEXT");
		assertThat(outcome("zip bomb ODT (1 GiB attribute)").flags()).contains("NOTE_UNREADABLE");
		assertThat(outcome("PDF of 3000 pages").flags()).contains("NOTE_TOO_LONG");
		assertThat(outcome("encrypted PDF (AES-256, user password)").noteProblem()).startsWith("ENCRYPTED");
		assertThat(outcome("scanned PDF, image only").noteProblem()).startsWith("NO_TEXT");
		assertThat(outcome("PDF declared as image/png").flags()).doesNotContain("NO_NOTE", "NOTE_UNREADABLE");
		assertThat(outcome("executable declared as application/pdf").flags()).contains("NO_NOTE");
		assertThat(outcome("30 MB attachment").state()).isEqualTo("QUARANTINED");
		assertThat(outcome("30 MB attachment").reason()).startsWith("TOO_LARGE");
	}

	@Test
	void malformedMessagesWithoutSenderAreQuarantinedAndTheOthersFiled() {
		assertThat(outcome("no-from").reason()).startsWith("NO_SENDER");
		assertThat(outcome("empty-message").state()).isEqualTo("QUARANTINED");
		assertThat(outcome("no-date").state()).isEqualTo("FILED");
		assertThat(outcome("no-message-id").state()).isEqualTo("FILED");
		assertThat(outcome("5000-parts").state()).isEqualTo("FILED");
		assertThat(outcome("header-line-100KB").state()).isEqualTo("FILED");
		assertThat(outcome("multipart-nested-200-deep").state()).isEqualTo("FILED");
		assertThat(outcome("rfc822-nested-200-deep").state()).isEqualTo("FILED");
	}

	@Test
	void quarantinedMessagesAreListedForTheAdminWithTheirReason() throws Exception {
		String port = guichet.getEnvironment().getProperty("local.server.port");
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages?state=QUARANTINED"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8)))
			.build();

		var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		outcomes.values()
			.stream()
			.filter(outcome -> outcome.state().equals("QUARANTINED"))
			.forEach(outcome -> assertThat(response.body()).contains(outcome.id()));
	}

	/**
	 * The watermark reaches the last message: no hostile message holds it back. It moves
	 * at the end of the poll that settled the last message, a moment after the database
	 * shows that message settled, hence the wait.
	 */
	@Test
	void theMailboxIsNeverBlocked() {
		for (String mailbox : List.of(MAIL_BOX, OTHER_BOX)) {
			long lastUid = jdbc().sql("select max(uid) from message where mailbox = :mailbox")
				.param("mailbox", mailbox)
				.query(Long.class)
				.single();

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(jdbc().sql("select watermark from mailbox_state where mailbox = :mailbox")
							.param("mailbox", mailbox)
							.query(Long.class)
							.single()).as(mailbox).isEqualTo(lastUid));
		}
	}

	private static Outcome outcome(String name) {
		return outcomes.values()
			.stream()
			.filter(outcome -> outcome.source().name().equals(name)
					|| outcome.source().name().equals(name + " [direct]"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no case " + name));
	}

	private static void hostile(String name, String filename, String type, byte[] content) {
		append(OTHER_BOX, new Case("hostile document", name), applicationWith(filename, type, content));
	}

	private static byte[] applicationWith(String filename, String type, byte[] content) {
		String who = filename.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
		return TestMail.application()
			.from("Applicant <" + who + "-" + java.util.UUID.randomUUID().toString().substring(0, 6) + "@example.org>")
			.subject("Candidature " + filename)
			.attach(filename, type, content)
			.bytes();
	}

	private static void append(String mailbox, Case source, byte[] raw) {
		try {
			TestMail.appendRaw(greenMail, mailbox, raw, new Date());
			fed.get(mailbox).add(source);
		}
		catch (IllegalStateException ex) {
			// GreenMail parses what it stores and fails on some broken headers, where a
			// real IMAP server would not:
			// such a message goes to the clerk directly, exactly as the mailbox reader
			// hands over fetched bytes
			List<Case> direct = fed.get(DIRECT);
			String location = "direct:%04d".formatted(direct.size());
			direct.add(new Case(source.inputClass(), source.name() + " [direct]"));
			try {
				guichet.getBean(guichet.application.Clerk.class)
					.file(new ReceivedMessage(DIRECT, location, null, null, raw,
							new ReceptionTime(java.time.Instant.now(), ReceptionTime.Source.FETCH_TIME)));
			}
			catch (RuntimeException failure) {
				// counted like the route would: the state stays PENDING and the test
				// reports it
			}
		}
	}

	private static List<Path> sorted(Path directory) throws IOException {
		try (var files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

	private static int settled() {
		return jdbc().sql("select count(*) from message where state <> 'PENDING'").query(Integer.class).single();
	}

	private static void readOutcomes() {
		for (var entry : fed.entrySet()) {
			List<Outcome> rows = jdbc().sql("""
					select m.id, m.state, m.reason, array_to_string(s.flags, ' ') as flags, s.note_problem
					from message m left join submission s on s.id = m.submission_id
					where m.mailbox = :mailbox order by m.uid, m.location
					""")
				.param("mailbox", entry.getKey())
				.query((rs, n) -> new Outcome(entry.getValue().get(n), rs.getString("id"), rs.getString("state"),
						rs.getString("reason"), rs.getString("flags") == null ? "" : rs.getString("flags"),
						rs.getString("note_problem")))
				.list();
			assertThat(rows).as(entry.getKey()).hasSize(entry.getValue().size());
			rows.forEach(row -> outcomes.put(entry.getKey() + "/" + row.source().name(), row));
		}
	}

	private static void record() {
		var table = Reliability.table("hostile-input");
		for (Outcome outcome : outcomes.values()) {
			table.record(outcome.source().inputClass(), outcome.source().name(), outcome.state(),
					Reliability.code(outcome.reasonOrProblem()), outcome.flags(),
					SETTLED.contains(outcome.state()) ? 0 : 1);
		}
	}

	private static JdbcClient jdbc() {
		return guichet.getBean(JdbcClient.class);
	}

}
