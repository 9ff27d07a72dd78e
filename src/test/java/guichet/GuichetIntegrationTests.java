package guichet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;

import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real mail over SMTP, the real routes polling IMAP, the real PostgreSQL, then the HTTP
 * API, as a user sees it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its mail server stops after the class: close the context rather than
				// let it poll a dead server
class GuichetIntegrationTests {

	static GreenMail greenMail = TestMailServer.start();

	@AfterAll
	static void stopMailServer() {
		greenMail.stop();
	}

	@DynamicPropertySource
	static void guichet(DynamicPropertyRegistry registry) {
		String database = TestDatabase.newDatabaseUrl();
		registry.add("guichet.test.database", () -> database);
		Map<String, Object> properties = GuichetTestContext.properties(greenMail, database);
		properties.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anEmailToTheWholeCommitteeBecomesOneApplicationWithFourCopies() {
		TestMail.application()
			.from("Ana Costa <ana.costa@example.org>")
			.subject("Candidature Lyon")
			.sendThrough(greenMail);

		JsonNode application = awaitApplicationFrom("ana.costa@example.org", 4);

		assertThat(application.get("copies").asInt()).isEqualTo(4);
		assertThat(application.get("applicant").get("name").asText()).isEqualTo("Ana Costa");
		assertThat(application.get("subject").asText()).isEqualTo("Candidature Lyon");
		assertThat(application.get("missingCommittee")).isEmpty();
		assertThat(application.get("version").asInt()).isEqualTo(1);
		assertThat(application.get("status").asText()).isEqualTo("RECEIVED");
	}

	@Test
	void theOriginalMessageIsServedByteForByteAsADownload() throws Exception {
		byte[] raw = TestMail.application().from("bea@example.org").subject("Note des coursiers").bytes();
		TestMail.appendRaw(greenMail, Committee.SHARED, raw, new Date());
		JsonNode application = awaitApplicationFrom("bea@example.org", 1);

		ResponseEntity<byte[]> download = committee()
			.getForEntity("/api/applications/" + application.get("id").asText() + "/message", byte[].class);

		assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(download.getHeaders().getContentType()).hasToString("message/rfc822");
		assertThat(download.getHeaders().getContentDisposition().isAttachment()).isTrue();
		byte[] stored = jdbc.sql("select raw from message where sender = 'bea@example.org'")
			.query(byte[].class)
			.single();
		assertThat(download.getBody()).isEqualTo(stored);
		assertThat(new String(download.getBody())).contains("Subject: Note des coursiers");
	}

	@Test
	void aMessageAMemberAlreadyReadIsStillIngested() {
		TestMail.application()
			.from("carla@example.org")
			.subject("Already read")
			.appendTo(greenMail, Committee.ALICE, new Date(), Flags.Flag.SEEN);

		JsonNode application = awaitApplicationFrom("carla@example.org", 1);

		assertThat(application.get("copies").asInt()).isEqualTo(1);
	}

	@Test
	void headersOfIncomingMailNeverSteerCamel() {
		Path target = Path.of("target", "camel-header-injection-" + System.nanoTime());
		TestMail.application()
			.from("mallory@example.org")
			.subject("Candidature")
			.header("CamelBeanMethodName", "markQuarantined")
			.header("CamelFileName", target.toString())
			.header("CamelSqlQuery", "drop table message")
			.header("camelbeanmethodname", "refile")
			.sendThrough(greenMail);

		JsonNode application = awaitApplicationFrom("mallory@example.org", 4);

		assertThat(application.get("copies").asInt()).isEqualTo(4);
		assertThat(Files.exists(target)).isFalse();
		assertThat(jdbc.sql("select count(*) from message where sender = 'mallory@example.org' and state = 'FILED'")
			.query(Integer.class)
			.single()).isEqualTo(4);
	}

	@Test
	void anOutOfOfficeReplyIsIgnoredWithItsReasonForAdmins() {
		TestMail.application()
			.from("away@example.org")
			.subject("Absence du bureau")
			.header("Auto-Submitted", "auto-replied")
			.sendThrough(greenMail);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode ignored = admin().getForObject("/api/messages?state=IGNORED", JsonNode.class);
			assertThat(ignored.findValuesAsText("sender")).contains("away@example.org");
		});
		JsonNode ignored = admin().getForObject("/api/messages?state=IGNORED", JsonNode.class);
		assertThat(ignored.findValuesAsText("reason")).anyMatch(reason -> reason.startsWith("AUTO_REPLY"));
		assertThat(applications().findValuesAsText("email")).doesNotContain("away@example.org");
	}

	@Test
	void healthIsPublicAndReportsEachMailbox() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
			assertThat(health.get("status").asText()).isEqualTo("UP");
			JsonNode mailboxes = health.get("components").get("mailboxes").get("components");
			assertThat(mailboxes.size()).isEqualTo(5);
			assertThat(mailboxes.get(Committee.ALICE).get("details").get("lastSuccessfulPoll").isNull()).isFalse();
		});
	}

	@Test
	void theApiNeedsAUserAndOnlyAdminsSeeMessages() {
		assertThat(http.getForEntity("/api/applications", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(http.withBasicAuth("committee", "wrong")
			.getForEntity("/api/applications", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(committee().getForEntity("/api/applications", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(committee().getForEntity("/api/messages?state=IGNORED", String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(admin().getForEntity("/api/messages?state=IGNORED", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	/**
	 * Waits for the application and for as many copies as the test delivered: each
	 * mailbox is polled on its own, so the application exists (with fewer copies) before
	 * the last mailbox's copy is merged into it.
	 */
	private JsonNode awaitApplicationFrom(String email, int deliveredCopies) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> find(email) != null && find(email).get("copies").asInt() >= deliveredCopies);
		return find(email);
	}

	private JsonNode find(String email) {
		for (JsonNode application : applications()) {
			if (application.get("applicant").get("email").asText().equals(email)) {
				return application;
			}
		}
		return null;
	}

	private JsonNode applications() {
		return committee().getForObject("/api/applications", JsonNode.class);
	}

	private TestRestTemplate committee() {
		return http.withBasicAuth("committee", "committee-pass");
	}

	private TestRestTemplate admin() {
		return http.withBasicAuth("admin", "admin-pass");
	}

}
