package guichet.intake;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
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
 * GET /api/mailboxes/{name}/reconciliation proves nothing was missed: nothing unrecorded
 * after a poll, the messages a member deleted, and a UIDVALIDITY change before and after
 * the poll that handles it.
 */
class ReconciliationTests {

	static final String FOLDER = "Candidatures";

	final GreenMail greenMail = TestMailServer.start();

	final ObjectMapper json = new ObjectMapper();

	ConfigurableApplicationContext guichet;

	@AfterEach
	void stop() {
		if (guichet != null) {
			guichet.close();
		}
		greenMail.stop();
	}

	@Test
	void reportsNothingMissedAfterAPollThenWhatAMemberDeletedThenAUidValidityChange() throws Exception {
		GreenMailUser user = greenMail.setUser(Committee.SHARED, Committee.SHARED, Committee.PASSWORD);
		MailFolder folder = greenMail.getManagers().getImapHostManager().createMailbox(user, FOLDER);
		List<byte[]> messages = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			byte[] raw = TestMail.application()
				.from("applicant" + i + "@example.org")
				.to(Committee.SHARED)
				.subject("Application " + i)
				.messageId("<application-" + i + "@example.org>")
				.bytes();
			messages.add(raw);
			append(folder, raw);
		}
		Map<String, Object> settings = new HashMap<>(GuichetTestContext.properties(greenMail,
				TestDatabase.newDatabaseUrl(), List.of(Committee.SHARED), "KEEP"));
		settings.put("guichet.mailboxes[0].folder", FOLDER);
		// polled once at start, then again only when the test restarts the route
		settings.put("guichet.mailboxes[0].poll-interval", "1h");
		guichet = Guichets.start(settings);
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from message where state = 'FILED'")
				.query(Integer.class)
				.single() == 3);

		JsonNode afterPoll = reconciliation();

		assertThat(afterPoll.get("inMailbox").asInt()).isEqualTo(3);
		assertThat(afterPoll.get("recordedInMailbox").asInt()).isEqualTo(3);
		assertThat(afterPoll.get("unrecordedCount").asInt()).isZero();
		assertThat(afterPoll.get("goneCount").asInt()).isZero();
		assertThat(afterPoll.get("complete").asBoolean()).isTrue();
		assertThat(afterPoll.at("/uidValidity/changed").asBoolean()).isFalse();

		// a committee member deletes application 2 in their mail client
		deleteAsAMember("application-2@example.org");
		JsonNode afterDeletion = reconciliation();

		assertThat(afterDeletion.get("inMailbox").asInt()).isEqualTo(2);
		assertThat(afterDeletion.get("unrecordedCount").asInt()).isZero();
		assertThat(afterDeletion.get("goneCount").asInt()).isEqualTo(1);
		assertThat(afterDeletion.at("/gone/0/messageId").asText()).isEqualTo("application-2@example.org");
		assertThat(afterDeletion.at("/gone/0/reason").asText()).contains("deleted or moved in the mailbox");

		// the server rebuilds the folder (a migration): new UIDVALIDITY, the same two
		// messages, and a new one
		long oldUidValidity = folder.getUidValidity();
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() > oldUidValidity);
		// removed from the store itself: GreenMail's own delete first closes every
		// session
		// that has the folder selected, and fails (NullPointerException) on one that
		// Guichet is opening at that instant, each time it is tried again (CI, once).
		// Guichet selects the folder by name at each poll, and so finds the new one.
		folder.deleteAllMessages();
		greenMail.getManagers().getImapHostManager().getStore().deleteMailbox(folder);
		MailFolder rebuilt = greenMail.getManagers().getImapHostManager().createMailbox(user, FOLDER);
		append(rebuilt, messages.get(0));
		append(rebuilt, messages.get(2));
		append(rebuilt,
				TestMail.application()
					.from("applicant4@example.org")
					.to(Committee.SHARED)
					.subject("Application 4")
					.messageId("<application-4@example.org>")
					.bytes());
		JsonNode beforeRescan = reconciliation();

		assertThat(beforeRescan.at("/uidValidity/changed").asBoolean()).isTrue();
		assertThat(beforeRescan.at("/uidValidity/mailbox").asLong()).isEqualTo(rebuilt.getUidValidity());
		assertThat(beforeRescan.at("/uidValidity/recorded").asLong()).isEqualTo(oldUidValidity);
		assertThat(beforeRescan.get("recordedInMailbox").asInt()).isEqualTo(2);
		assertThat(beforeRescan.get("unrecordedCount").asInt()).isEqualTo(1);
		assertThat(beforeRescan.at("/unrecorded/0/messageId").asText()).isEqualTo("application-4@example.org");

		CamelContext camel = guichet.getBean(CamelContext.class);
		String route = "mailbox-" + Committee.SHARED.replace("@", "_");
		camel.getRouteController().stopRoute(route);
		camel.getRouteController().startRoute(route);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from message where state = 'FILED'")
				.query(Integer.class)
				.single() == 4);
		JsonNode afterRescan = reconciliation();

		assertThat(afterRescan.at("/uidValidity/changed").asBoolean()).isFalse();
		assertThat(afterRescan.get("inMailbox").asInt()).isEqualTo(3);
		assertThat(afterRescan.get("recordedInMailbox").asInt()).isEqualTo(3);
		assertThat(afterRescan.get("unrecordedCount").asInt()).isZero();
		assertThat(afterRescan.get("goneCount").asInt()).isEqualTo(1);
		assertThat(afterRescan.at("/gone/0/messageId").asText()).isEqualTo("application-2@example.org");
		assertThat(afterRescan.get("complete").asBoolean()).isTrue();
	}

	@Test
	void isForAdminsOnlyAndNamesAnUnknownMailbox() {
		greenMail.setUser(Committee.SHARED, Committee.SHARED, Committee.PASSWORD);
		guichet = Guichets.start(GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl(),
				List.of(Committee.SHARED), "KEEP"));

		assertThat(
				get("/api/mailboxes/" + Committee.SHARED + "/reconciliation", "committee:committee-pass").statusCode())
			.isEqualTo(403);
		assertThat(get("/api/mailboxes/nowhere/reconciliation", "admin:admin-pass").statusCode()).isEqualTo(404);
	}

	private static void append(MailFolder folder, byte[] raw) throws Exception {
		folder.appendMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)),
				new Flags(), new Date());
	}

	private void deleteAsAMember(String messageId) throws Exception {
		Properties properties = new Properties();
		Store store = Session.getInstance(properties).getStore("imap");
		store.connect("127.0.0.1", greenMail.getImap().getPort(), Committee.SHARED, Committee.PASSWORD);
		try {
			Folder folder = store.getFolder(FOLDER);
			folder.open(Folder.READ_WRITE);
			for (Message message : folder.getMessages()) {
				if (message.getHeader("Message-ID")[0].contains(messageId)) {
					message.setFlag(Flags.Flag.DELETED, true);
				}
			}
			folder.close(true);
		}
		finally {
			store.close();
		}
	}

	private JsonNode reconciliation() throws Exception {
		HttpResponse<String> response = get("/api/mailboxes/" + Committee.SHARED + "/reconciliation",
				"admin:admin-pass");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String credentials) {
		String port = guichet.getEnvironment().getProperty("local.server.port");
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
