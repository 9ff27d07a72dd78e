package guichet.application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real notes through the real routes: each language's deadline applied to the server's
 * receive time (never the sender's Date:), and an admin's corrected deadline applied to
 * every application by re-analysis, with nothing acknowledged twice.
 */
class NoteJudgementTests {

	GreenMail greenMail;

	String database;

	final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeEach
	void start() {
		greenMail = TestMailServer.start();
		database = TestDatabase.newDatabaseUrl();
	}

	@AfterEach
	void stop() {
		contexts.forEach(ConfigurableApplicationContext::close);
		greenMail.stop();
	}

	@Test
	void eachLanguageHasItsDeadlineReadInParisTimeOnTheServersReceiveTime() throws Exception {
		var guichet = guichet(Map.of());
		// 23:59:59 and 00:00:00 Paris time (UTC+1 in winter) on each deadline day; the
		// Date: header lies
		deliver("fr-on-time", "note-fr-1page.pdf", "application/pdf", "2019-12-19T22:59:59Z");
		deliver("fr-late", "note-fr-1page.pdf", "application/pdf", "2019-12-19T23:00:00Z");
		deliver("en-on-time", "note-en-1page.docx",
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "2020-01-13T22:59:59Z");
		deliver("en-late", "note-en-1page.odt", "application/vnd.oasis.opendocument.text", "2020-01-13T23:00:00Z");
		deliver("fr-long", "note-fr-2pages.pdf", "application/pdf", "2019-12-10T10:00:00Z");
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);

		await().atMost(Duration.ofSeconds(40)).until(() -> count(jdbc, "select count(*) from submission") == 5);

		assertThat(judgement(jdbc, "fr-on-time")).isEqualTo("fr ON_TIME 2019-12-19T22:59:59Z 1 {}");
		assertThat(judgement(jdbc, "fr-late")).isEqualTo("fr LATE 2019-12-19T22:59:59Z 1 {LATE}");
		assertThat(judgement(jdbc, "en-on-time")).isEqualTo("en ON_TIME 2020-01-13T22:59:59Z 1 {}");
		assertThat(judgement(jdbc, "en-late")).isEqualTo("en LATE 2020-01-13T22:59:59Z 1 {LATE}");
		assertThat(judgement(jdbc, "fr-long")).isEqualTo("fr ON_TIME 2019-12-19T22:59:59Z 2 {NOTE_TOO_LONG}");
		assertThat(jdbc.sql("select received_at_source from submission").query(String.class).list())
			.containsOnly("INTERNALDATE");
	}

	@Test
	void aCorrectedDeadlineReJudgesEveryApplicationWithoutAcknowledgingAgain() throws Exception {
		var first = guichet(Map.of());
		deliver("fr-20-december", "note-fr-1page.pdf", "application/pdf", "2019-12-20T09:00:00Z");
		JdbcClient jdbc = first.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> count(jdbc, "select count(*) from submission") == 1);
		assertThat(judgement(jdbc, "fr-20-december")).startsWith("fr LATE");
		int acknowledgements = count(jdbc, "select count(*) from outbox where kind = 'ACKNOWLEDGEMENT'");
		first.close();

		var corrected = guichet(Map.of("guichet.call.deadlines.fr", "2019-12-20"));
		var result = corrected.getBean(Reanalysis.class).reanalyseAll();

		JdbcClient after = corrected.getBean(JdbcClient.class);
		assertThat(result.changed()).isEqualTo(1);
		assertThat(judgement(after, "fr-20-december")).isEqualTo("fr ON_TIME 2019-12-20T22:59:59Z 1 {}");
		assertThat(count(after, "select count(*) from outbox where kind = 'ACKNOWLEDGEMENT'"))
			.isEqualTo(acknowledgements);
		assertThat(count(after, "select count(*) from message")).isEqualTo(1);
	}

	private ConfigurableApplicationContext guichet(Map<String, Object> overrides) {
		Map<String, Object> properties = new HashMap<>(
				GuichetTestContext.properties(greenMail, database, List.of(Committee.SHARED), "KEEP"));
		properties.putAll(overrides);
		var context = Guichets.start(properties);
		contexts.add(context);
		return context;
	}

	private void deliver(String who, String note, String mediaType, String receivedAt) throws Exception {
		byte[] document = Files.readAllBytes(Path.of("src", "test", "resources", "notes", note));
		TestMail.application()
			.from(who + "@example.org")
			.sentDate(Date.from(Instant.parse("2019-12-01T08:00:00Z")))
			.attach(note, mediaType, document)
			.appendTo(greenMail, Committee.SHARED, Date.from(Instant.parse(receivedAt)));
	}

	private static String judgement(JdbcClient jdbc, String who) {
		return jdbc.sql("""
				select s.language || ' ' || s.deadline_status || ' '
				       || to_char(s.deadline at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' '
				       || coalesce(s.note_page_count::text, '-') || ' ' || s.flags::text
				from submission s join application a on a.id = s.application_id
				where a.applicant_email = :email
				""").param("email", who + "@example.org").query(String.class).single();
	}

	private static int count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
