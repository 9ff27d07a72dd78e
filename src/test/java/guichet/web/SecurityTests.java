package guichet.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import guichet.support.HostileDocuments;
import guichet.support.HostileGuichet;
import guichet.support.Reliability;
import guichet.support.TestMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may see what (HTTP Basic: COMMITTEE reads, ADMIN does everything, only health is
 * public), and what hostile applicants cannot do: have a password logged, name a file on
 * the server's disk, inject SQL.
 */
class SecurityTests {

	static final ObjectMapper json = new ObjectMapper();

	static HostileGuichet guichet;

	static Reliability table;

	@BeforeAll
	static void start() {
		guichet = HostileGuichet.get();
		table = Reliability.table("security");
	}

	@Test
	void onlyHealthIsPublic() {
		List<String> protectedPaths = List.of("/api/applications", "/api/applications/" + UUID.randomUUID(),
				"/api/applications/" + UUID.randomUUID() + "/message", "/api/messages", "/api/messages?state=FILED",
				"/api/messages/" + UUID.randomUUID() + "/raw", "/api/outbox", "/actuator", "/actuator/env",
				"/actuator/info", "/actuator/metrics", "/api/anything");
		// pages (issue #21) send a person to the sign-in form instead of asking for Basic
		// credentials
		List<String> pages = List.of("/", "/index.html", "/applications", "/admin");

		for (String path : protectedPaths) {
			assertThat(guichet.http("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
		}
		for (String path : pages) {
			var page = guichet.http("GET", path, null, null);
			assertThat(page.statusCode()).as(path).isEqualTo(302);
			assertThat(page.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
		}
		assertThat(guichet.http("POST", "/api/digest", null, null).statusCode()).isIn(401, 403);
		assertThat(guichet.http("GET", "/api/applications", "admin", "wrong").statusCode()).isEqualTo(401);
		assertThat(guichet.http("GET", "/actuator/health", null, null).statusCode()).isIn(200, 503);
		table.record("security", "anonymous requests to " + protectedPaths.size() + " paths", "401",
				"only /actuator/health public", "", 0);
	}

	@Test
	void theCommitteeReadsApplicationsAndOnlyAdminsSeeMessagesOrAct() {
		assertThat(committee("GET", "/api/applications")).isEqualTo(200);
		assertThat(committee("GET", "/api/messages?state=QUARANTINED")).isEqualTo(403);
		assertThat(committee("GET", "/api/outbox")).isEqualTo(403);
		assertThat(committee("POST", "/api/digest")).isEqualTo(403);
		assertThat(committee("POST", "/api/messages/" + UUID.randomUUID() + "/retry")).isEqualTo(403);
		assertThat(committee("POST", "/api/applications/reanalyse")).isEqualTo(403);
		assertThat(guichet.asAdmin("GET", "/api/messages?state=QUARANTINED").statusCode()).isEqualTo(200);
		assertThat(guichet.asAdmin("GET", "/api/applications").statusCode()).isEqualTo(200);
		table.record("security", "COMMITTEE vs ADMIN on 8 requests", "403/200", "roles enforced", "", 0);
	}

	@Test
	void noPasswordAppearsInTheStartUpOutput() {
		assertThat(guichet.startupOutput).contains("Tomcat started");

		assertThat(guichet.startupOutput).doesNotContain(HostileGuichet.MAILBOX_PASSWORD, HostileGuichet.ADMIN_PASSWORD,
				HostileGuichet.COMMITTEE_PASSWORD);
		table.record("security", "start-up output, 2 users and a mailbox password, guichet at DEBUG", "no password", "",
				"", 0);
	}

	@Test
	void attachmentNamesAreOnlyNamesAndSqlQuotesAreOnlyText() throws Exception {
		String sender = "o'brien-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
		String subject = "Robert'); drop table application; -- \" ' \\";
		TestMail.application()
			.from(sender)
			.subject(subject)
			.attach("../../etc/passwd", "text/plain", "root:x:0:0".getBytes(StandardCharsets.UTF_8))
			.attach("C:\\evil.pdf", "application/pdf", HostileDocuments.textPdf(1))
			.appendTo(guichet.greenMail, HostileGuichet.MAILBOX, new Date());

		String state = await().atMost(Duration.ofSeconds(60))
			.until(() -> guichet.jdbc()
				.sql("select state from message where sender = :s")
				.param("s", sender)
				.query(String.class)
				.optional()
				.orElse(""), s -> !s.isEmpty() && !s.equals("PENDING"));
		JsonNode application = applicationOf(sender);
		String detail = guichet.asAdmin("GET", "/api/applications/" + application.get("id").asText()).body();

		assertThat(state).isEqualTo("FILED");
		assertThat(application.get("subject").asText()).isEqualTo(subject);
		assertThat(detail).contains("C:\\\\evil.pdf").contains("../../etc/passwd");
		assertThat(guichet.jdbc().sql("select count(*) from application").query(Integer.class).single()).isPositive();
		assertThat(Files.exists(Path.of("evil.pdf"))).isFalse();
		assertThat(Files.exists(Path.of("C:\\evil.pdf"))).isFalse();
		table.record("security",
				"attachments named ../../etc/passwd and C:\\evil.pdf; SQL quotes in sender and subject", state,
				"names kept as text, no file written, tables intact", "", 0);
	}

	@Test
	void rawMessagesDownloadAsAttachmentsWithSafeNames() {
		TestMail.application()
			.from("download@example.org")
			.appendTo(guichet.greenMail, HostileGuichet.MAILBOX, new Date());
		String messageId = await().atMost(Duration.ofSeconds(30))
			.until(() -> guichet.jdbc()
				.sql("select id from message where sender = 'download@example.org'")
				.query(String.class)
				.optional(), java.util.Optional::isPresent)
			.get();

		var raw = guichet.asAdmin("GET", "/api/messages/" + messageId + "/raw");

		assertThat(raw.statusCode()).isEqualTo(200);
		assertThat(raw.headers().firstValue("Content-Disposition").orElse(""))
			.matches("attachment; filename=\"[A-Za-z0-9.-]+\"");
		table.record("security", "raw message download", "200", "attachment; filename=\"message-<uuid>.eml\"", "", 0);
	}

	private static int committee(String method, String path) {
		return guichet.http(method, path, "committee", HostileGuichet.COMMITTEE_PASSWORD).statusCode();
	}

	private static JsonNode applicationOf(String sender) throws Exception {
		for (JsonNode application : json.readTree(guichet.asAdmin("GET", "/api/applications").body())) {
			if (application.get("applicant").get("email").asText().equals(sender)) {
				return application;
			}
		}
		throw new AssertionError("no application from " + sender);
	}

}
