package guichet.application;

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
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import guichet.support.Guichets;
import guichet.support.MailTestSupport;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no {@code guichet.committee} set, Guichet judges applications against the
 * committee the call names: an application written to those four people is complete,
 * whatever the case of their addresses, and one that leaves a member out is told who, by
 * name. Also the list's one order: oldest first by the {@code receivedAt} it shows.
 */
class CallCommitteeTests {

	private static final List<String> CALL = List.of("odile.chagny@ires.fr", "idoreste@etuc.org", "wkowalsk@etuc.org",
			"c.teissier@astrees.org");

	/** As the call itself writes two of them. */
	private static final List<String> AS_THE_CALL_WRITES_THEM = List.of("odile.Chagny@ires.fr", "idoreste@etuc.org",
			"WKOWALSK@etuc.org", "C.Teissier@Astrees.org");

	private static final ObjectMapper json = new ObjectMapper();

	private static GreenMail greenMail;

	private static ConfigurableApplicationContext guichet;

	@BeforeAll
	static void start() {
		greenMail = TestMailServer.start();
		guichet = Guichets.pollingMailboxesOf(greenMail, CALL, "KEEP")
			.unset("guichet.committee")
			.set("guichet.call.deadlines.fr", "2099-12-31")
			.set("guichet.call.deadlines.en", "2099-12-31")
			.start();
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
	void anApplicationToTheFourMembersOfTheCallIsComplete() throws Exception {
		String applicant = MailTestSupport.applicant(greenMail, "complete");
		send(TestMail.application()
			.from(applicant)
			.to(AS_THE_CALL_WRITES_THEM.toArray(String[]::new))
			.subject("Candidature complète")
			.body(MailTestSupport.FRENCH_NOTE), CALL, Instant.now());

		// copies merge as each mailbox is read: wait for the fourth
		JsonNode application = await().atMost(Duration.ofSeconds(30))
			.until(() -> awaitApplicationOf(applicant), found -> found.get("copies").asInt() == 4);

		assertThat(strings(application.get("addressedCommittee"))).containsExactlyElementsOf(CALL);
		assertThat(strings(application.get("missingCommittee"))).isEmpty();
		assertThat(strings(application.get("flags"))).isEmpty();
	}

	@Test
	void anApplicationToThreeMembersIsToldTheFourthByName() throws Exception {
		String applicant = MailTestSupport.applicant(greenMail, "three");
		List<String> three = CALL.subList(0, 3);
		send(TestMail.application()
			.from(applicant)
			.to(three.toArray(String[]::new))
			.subject("Candidature à trois")
			.body(MailTestSupport.FRENCH_NOTE), three, Instant.now());

		JsonNode application = await().atMost(Duration.ofSeconds(30))
			.until(() -> awaitApplicationOf(applicant), found -> found.get("copies").asInt() == 3);

		assertThat(strings(application.get("missingCommittee"))).containsExactly("c.teissier@astrees.org");
		assertThat(strings(application.get("flags"))).contains("COMMITTEE_INCOMPLETE");
		MimeMessage acknowledgement = await().atMost(Duration.ofSeconds(30))
			.until(() -> greenMail.getReceivedMessagesForDomain(applicant), messages -> messages.length == 1)[0];
		assertThat(MailTestSupport.text(acknowledgement, "text/plain"))
			.contains("il manque Christophe Teissier (ASTREES / Sharers&Workers).")
			.doesNotContain("Odile Chagny");
	}

	@Test
	void theListIsInTheOrderOfTheReceptionItShowsEvenWithAResubmission() throws Exception {
		Instant now = Instant.now();
		String early = MailTestSupport.applicant(greenMail, "early");
		String middle = MailTestSupport.applicant(greenMail, "middle");
		send(TestMail.application().from(early).subject("Candidature Lyon").body(MailTestSupport.FRENCH_NOTE), CALL,
				now.minus(Duration.ofHours(3)));
		send(TestMail.application().from(middle).subject("Candidature Lille").body(MailTestSupport.FRENCH_NOTE), CALL,
				now.minus(Duration.ofHours(2)));
		awaitApplicationOf(early);
		awaitApplicationOf(middle);
		send(TestMail.application()
			.from(early)
			.subject("Candidature Lyon")
			.body(MailTestSupport.FRENCH_NOTE + "\nNous ajoutons le nom de notre partenaire, la Bourse du travail.\n"),
				CALL, now.minus(Duration.ofHours(1)));
		await().atMost(Duration.ofSeconds(30)).until(() -> awaitApplicationOf(early).get("version").asInt() == 2);

		List<JsonNode> list = new ArrayList<>();
		api("/api/applications").forEach(list::add);

		List<Instant> shown = list.stream()
			.map(application -> Instant.parse(application.get("receivedAt").asText()))
			.toList();
		assertThat(shown).isSorted();
		List<String> order = list.stream()
			.map(application -> application.get("applicant").get("email").asText())
			.toList();
		assertThat(order.indexOf(early)).isLessThan(order.indexOf(middle));
		JsonNode resubmitted = awaitApplicationOf(early);
		JsonNode detail = api("/api/applications/" + resubmitted.get("id").asText());
		assertThat(resubmitted.get("receivedAt").asText())
			.isEqualTo(detail.get("versions").get(0).get("receivedAt").asText());
		assertThat(resubmitted.get("latestReceivedAt").asText())
			.isEqualTo(detail.get("versions").get(1).get("receivedAt").asText());
		assertThat(Instant.parse(resubmitted.get("latestReceivedAt").asText()))
			.isAfter(Instant.parse(resubmitted.get("receivedAt").asText()));
	}

	@Test
	void theDigestGreetsTheMembersByName() throws Exception {
		HttpResponse<String> sent = http("POST", "/api/digest", "admin:admin-pass");
		assertThat(sent.statusCode()).isEqualTo(202);

		MimeMessage digest = await().atMost(Duration.ofSeconds(30))
			.until(() -> java.util.Arrays.stream(greenMail.getReceivedMessagesForDomain("c.teissier@astrees.org"))
				.filter(message -> subjectOf(message).startsWith("Guichet"))
				.findFirst(), java.util.Optional::isPresent)
			.get();

		assertThat(digest.getHeader("To", ", ")).contains("Odile Chagny <odile.chagny@ires.fr>",
				"Christophe Teissier <c.teissier@astrees.org>");
		assertThat(MailTestSupport.text(digest, "text/plain"))
			.startsWith("Bonjour / Hello Odile Chagny, Ignacio Doreste, Wolfgang Kowalsky, Christophe Teissier,");
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (jakarta.mail.MessagingException ex) {
			return "";
		}
	}

	/**
	 * One copy in each addressed member's mailbox, received at the given time, as their
	 * servers would file it.
	 */
	private static void send(TestMail mail, List<String> mailboxes, Instant receivedAt) {
		for (String mailbox : mailboxes) {
			mail.appendTo(greenMail, mailbox, Date.from(receivedAt));
		}
	}

	private static JsonNode awaitApplicationOf(String applicant) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode application : api("/api/applications")) {
				if (application.get("applicant").get("email").asText().equals(applicant)) {
					return application;
				}
			}
			return null;
		}, application -> application != null);
	}

	private static JsonNode api(String path) throws Exception {
		HttpResponse<String> response = http("GET", path, "committee:committee-pass");
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpResponse<String> http(String method, String path, String credentials) throws Exception {
		String port = guichet.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach(node -> strings.add(node.asText()));
		return strings;
	}

}
