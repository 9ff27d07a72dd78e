package guichet.application;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import guichet.support.Committee;
import guichet.support.Guichets;
import guichet.support.MailTestSupport;
import guichet.support.Reliability;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #17, used as its people use it, through GreenMail over SMTP and IMAP: an
 * applicant answers the acknowledgement, members forward applications inline and
 * attached, an applicant writes in Bcc, a stranger reuses someone's Message-ID. A Guichet
 * of its own polls the shared mailbox and all four members' mailboxes of a GreenMail of
 * its own (a second context polling the shared test server's mailboxes would file and
 * acknowledge everything twice).
 */
class RepliesForwardsAndBccTests {

	static final List<String> COMMITTEE = Committee.MEMBERS;

	static final String ALICE = COMMITTEE.get(0);

	static final String BRUNO = COMMITTEE.get(1);

	static final String FRENCH_NOTE = MailTestSupport.FRENCH_NOTE;

	static final String ENGLISH_NOTE = MailTestSupport.ENGLISH_NOTE;

	static final java.time.ZoneId PARIS = MailTestSupport.PARIS;

	static Reliability table;

	static GreenMail greenMail;

	static ConfigurableApplicationContext guichet;

	static JdbcClient jdbc;

	final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	static void start() {
		table = Reliability.table("second-pass");
		greenMail = TestMailServer.start();
		guichet = Guichets.pollingMailboxesOf(greenMail).asTheSharedGuichetJudges().start();
		jdbc = guichet.getBean(JdbcClient.class);
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
	void aThankYouInReplyToTheAcknowledgementIsCorrespondenceAndChangesNothing() throws Exception {
		String ana = applicant("ana");
		send(application(ana, "Ana Bernard", "Candidature AMI – ateliers", ENGLISH_NOTE, COMMITTEE));
		MimeMessage acknowledgement = awaitGuichetMail(ana, "acknowledgement", 1).get(0);
		UUID id = applicationOf(ana);
		JsonNode before = detail(id);

		send(replyTo(acknowledgement, ana, "Merci beaucoup pour votre accusé de réception !"));

		JsonNode after = await().atMost(Duration.ofSeconds(30))
			.until(() -> detail(id), detail -> detail.get("correspondence").size() == 1);
		assertThat(after.get("version").asInt()).isEqualTo(1);
		assertThat(after.get("note")).isEqualTo(before.get("note"));
		assertThat(after.get("flags")).isEqualTo(before.get("flags"));
		assertThat(after.get("deadlineStatus")).isEqualTo(before.get("deadlineStatus"));
		assertThat(after.get("receivedAt")).isEqualTo(before.get("receivedAt"));
		JsonNode reply = after.get("correspondence").get(0);
		assertThat(reply.get("reason").asText()).isEqualTo("REPLY_TO_GUICHET");
		assertThat(reply.get("excerpt").asText()).contains("Merci beaucoup");
		assertThat(get("/api/messages/" + reply.get("messageUrlId").asText() + "/raw")).contains("Merci beaucoup");
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> guichetMail(inbox(ana), "acknowledgement").size() == 1);
		assertThat(page("/applications/" + id)).contains("id=\"correspondence\"", "Merci beaucoup");
		record("thank-you in reply to the acknowledgement", "FILED", "CORRESPONDENCE (version 1 unchanged)", after);
	}

	@Test
	void aReplyThatAttachesANewNoteIsVersionTwo() throws Exception {
		String ben = applicant("ben");
		send(application(ben, "Ben", "Workshop application", ENGLISH_NOTE, COMMITTEE));
		MimeMessage acknowledgement = awaitGuichetMail(ben, "acknowledgement", 1).get(0);
		UUID id = applicationOf(ben);

		send(replyTo(acknowledgement, ben, ENGLISH_NOTE + "\nThis corrected version adds our budget line.\n"));

		JsonNode after = await().atMost(Duration.ofSeconds(30))
			.until(() -> detail(id), detail -> detail.get("version").asInt() == 2);
		assertThat(after.get("correspondence")).isEmpty();
		assertThat(after.get("flags").toString()).contains("RESUBMITTED");
		record("reply to the acknowledgement with a new note", "FILED", "version 2", after);
	}

	@Test
	void aReplyFromSomeoneElseIsNotAttachedToTheApplication() throws Exception {
		String cleo = applicant("cleo");
		String mallory = applicant("mallory");
		send(application(cleo, "Cléo", "Candidature", ENGLISH_NOTE, COMMITTEE));
		MimeMessage acknowledgement = awaitGuichetMail(cleo, "acknowledgement", 1).get(0);
		UUID id = applicationOf(cleo);

		send(replyTo(acknowledgement, mallory, "Thanks, and please also consider us."));

		await().atMost(Duration.ofSeconds(30)).until(() -> applicationsOf(mallory).size() == 1);
		assertThat(detail(id).get("correspondence")).isEmpty();
		assertThat(detail(id).get("version").asInt()).isEqualTo(1);
		record("someone else's reply to an acknowledgement", "FILED", "its own application", detail(id));
	}

	@Test
	void anInlineForwardFromAMemberIsTheOriginalSendersApplicationJudgedOnTheStatedTime() throws Exception {
		String karim = applicant("karim");
		// the French deadline was yesterday: the member received it the day before, on
		// time
		ZonedDateTime stated = ZonedDateTime.of(LocalDate.now(PARIS).minusDays(2), LocalTime.of(10, 0), PARIS);
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH).format(stated);
		MimeMessage forward = memberMail(ALICE, List.of(BRUNO), "TR: Candidature AMI – livreurs", """
				Bruno, pour info : reçue hier soir.

				-------- Message transféré --------
				Sujet : 	Candidature AMI – livreurs
				Date : 	%s
				De : 	Karim Benali <%s>
				Pour : 	%s

				%s""".formatted(date, karim, String.join(", ", COMMITTEE), FRENCH_NOTE));

		send(forward);

		UUID id = await().atMost(Duration.ofSeconds(30))
			.until(() -> applicationsOf(karim), ids -> ids.size() == 1)
			.get(0);
		JsonNode detail = detail(id);
		assertThat(detail.get("applicant").get("email").asText()).isEqualTo(karim);
		assertThat(detail.get("subject").asText()).isEqualTo("Candidature AMI – livreurs");
		assertThat(detail.get("flags").toString()).contains("FORWARDED")
			.doesNotContain("LATE", "NO_NOTE", "COMMITTEE_INCOMPLETE");
		assertThat(detail.get("language").asText()).isEqualTo("fr");
		assertThat(Instant.parse(detail.get("receivedAt").asText())).isEqualTo(stated.toInstant());
		assertThat(detail.get("forwardedBy").asText()).isEqualTo(ALICE);
		assertThat(Instant.parse(detail.get("forwardReceivedAt").asText())).isAfter(stated.toInstant());
		assertThat(applicationsOf(ALICE)).isEmpty();
		awaitGuichetMail(karim, "acknowledgement", 1);
		assertThat(outboxTo(ALICE)).isZero();
		assertThat(page("/applications/" + id)).contains("id=\"forwarded\"", ALICE);
		record("member's inline forward (Thunderbird FR)", "FILED", "original sender's application, stated time",
				detail);
	}

	@Test
	void anAttachedForwardMergesWithTheCopyReceivedDirectly() throws Exception {
		String lea = applicant("lea");
		MimeMessage original = application(lea, "Léa", "Application – bike couriers", ENGLISH_NOTE,
				COMMITTEE.subList(0, 2));
		send(original);
		UUID id = await().atMost(Duration.ofSeconds(30))
			.until(() -> applicationsOf(lea), ids -> ids.size() == 1)
			.get(0);
		await().atMost(Duration.ofSeconds(30)).until(() -> detail(id).get("copies").asInt() == 2);

		MimeMessage forward = TestMail.application()
			.from(BRUNO)
			.to(ALICE)
			.subject("Fwd: Application – bike couriers")
			.body("See attached.")
			.attachMessage(new MimeMessage(Session.getInstance(new java.util.Properties()),
					new java.io.ByteArrayInputStream(bytes(original))))
			.build();
		send(forward);

		JsonNode detail = await().atMost(Duration.ofSeconds(30))
			.until(() -> detail(id), application -> application.get("copies").asInt() == 3);
		assertThat(detail.get("version").asInt()).isEqualTo(1);
		assertThat(detail.get("flags").toString()).contains("FORWARDED");
		assertThat(applicationsOf(BRUNO)).isEmpty();
		assertThat(outboxTo(BRUNO)).isZero();
		record("member's attached forward of a copy received directly", "FILED", "copy 3 of the original", detail);
	}

	@Test
	void aMembersOrdinaryMailIsIgnoredWithItsReasonAndNeverAcknowledged() throws Exception {
		MimeMessage note = memberMail(ALICE, List.of(BRUNO), "Réunion de jeudi " + UUID.randomUUID(),
				"Bonjour Bruno,\n\nOn se voit jeudi pour relire les candidatures ?\n\nAlice");

		send(note);

		String reason = await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select reason from message where message_id = :id and state = 'IGNORED'")
				.param("id", note.getMessageID().replaceAll("[<>]", ""))
				.query(String.class)
				.list(), reasons -> !reasons.isEmpty())
			.get(0);
		assertThat(reason).startsWith("MEMBER_MAIL");
		assertThat(applicationsOf(ALICE)).isEmpty();
		table.record("second pass (issue #17)", "member's ordinary mail", "IGNORED", "MEMBER_MAIL", "", 0);
	}

	@Test
	void anApplicationInBccToTheFourMembersHasThemAllAndOneToThreeNamesTheFourth() throws Exception {
		String nora = applicant("nora");
		String omar = applicant("omar");
		MimeMessage toFour = application(nora, "Nora", "Candidature en Cci", FRENCH_NOTE, List.of());
		toFour.setHeader("To", "undisclosed-recipients:;");
		MimeMessage toThree = application(omar, "Omar", "Candidature en Cci", FRENCH_NOTE, List.of());
		toThree.setHeader("To", "undisclosed-recipients:;");

		sendTo(toFour, COMMITTEE);
		sendTo(toThree, COMMITTEE.subList(0, 3));

		UUID four = await().atMost(Duration.ofSeconds(30))
			.until(() -> applicationsOf(nora), ids -> ids.size() == 1)
			.get(0);
		UUID three = await().atMost(Duration.ofSeconds(30))
			.until(() -> applicationsOf(omar), ids -> ids.size() == 1)
			.get(0);
		JsonNode all = await().atMost(Duration.ofSeconds(30))
			.until(() -> detail(four), detail -> detail.get("copies").asInt() == 4);
		JsonNode some = await().atMost(Duration.ofSeconds(30))
			.until(() -> detail(three), detail -> detail.get("copies").asInt() == 3);
		assertThat(all.get("addressedCommittee")).hasSize(4);
		assertThat(all.get("missingCommittee")).isEmpty();
		assertThat(all.get("flags").toString()).doesNotContain("COMMITTEE_INCOMPLETE");
		assertThat(some.get("missingCommittee").toString()).isEqualTo("[\"" + COMMITTEE.get(3) + "\"]");
		record("Bcc to the four members", "FILED", "4 addressed", all);
		record("Bcc to three members", "FILED", "the fourth missing", some);
	}

	@Test
	void aStrangerReusingAMessageIdGetsAnApplicationOfTheirOwnAndBothAreFlagged() throws Exception {
		String vera = applicant("vera");
		String mallory = applicant("mallory");
		MimeMessage victim = application(vera, "Vera", "Candidature Vera", FRENCH_NOTE, COMMITTEE);
		send(victim);
		UUID veraId = await().atMost(Duration.ofSeconds(30))
			.until(() -> applicationsOf(vera), ids -> ids.size() == 1)
			.get(0);
		await().atMost(Duration.ofSeconds(30)).until(() -> detail(veraId).get("copies").asInt() == 4);
		awaitGuichetMail(vera, "acknowledgement", 1);
		JsonNode before = detail(veraId);

		MimeMessage reuse = application(mallory, "Mallory", "Candidature Mallory", ENGLISH_NOTE, List.of(ALICE));
		reuse.setHeader("Message-ID", victim.getMessageID());
		send(reuse);

		UUID malloryId = await().atMost(Duration.ofSeconds(30))
			.until(() -> applicationsOf(mallory), ids -> ids.size() == 1)
			.get(0);
		JsonNode after = await().atMost(Duration.ofSeconds(30))
			.until(() -> detail(veraId), detail -> detail.get("flags").toString().contains("MESSAGE_ID_REUSED"));
		assertThat(after.get("copies")).isEqualTo(before.get("copies"));
		assertThat(after.get("addressedCommittee")).isEqualTo(before.get("addressedCommittee"));
		assertThat(after.get("messageIdReusedBy").toString()).contains(malloryId.toString());
		JsonNode theirs = detail(malloryId);
		assertThat(theirs.get("flags").toString()).contains("MESSAGE_ID_REUSED");
		assertThat(theirs.get("messageIdReusedBy").toString()).contains(veraId.toString());
		awaitGuichetMail(mallory, "acknowledgement", 1);
		assertThat(guichetMail(inbox(vera), "acknowledgement")).hasSize(1);
		record("Message-ID of another applicant reused (victim's side)", "FILED", "copies unchanged", after);
		record("Message-ID of another applicant reused (stranger's side)", "FILED", "its own application", theirs);
	}

	private static void record(String name, String state, String outcome, JsonNode application) {
		StringBuilder flags = new StringBuilder();
		application.get("flags").forEach(flag -> flags.append(flags.length() == 0 ? "" : " ").append(flag.asText()));
		table.record("second pass (issue #17)", name, state, outcome, flags.toString(), 0);
	}

	private MimeMessage replyTo(MimeMessage acknowledgement, String from, String text) throws Exception {
		// "Reply", as the applicant's client does it: to the acknowledgement's Reply-To
		return TestMail.application()
			.from(from)
			.to(java.util.Arrays.stream(acknowledgement.getReplyTo()).map(Object::toString).toArray(String[]::new))
			.subject("Re: " + acknowledgement.getSubject().replaceFirst("^Re: ", ""))
			.header("In-Reply-To", acknowledgement.getMessageID())
			.header("References", acknowledgement.getMessageID())
			.body(text + "\n\nLe lundi, Guichet a écrit :\n> Le comité de sélection a bien reçu votre candidature.\n")
			.build();
	}

	private static MimeMessage memberMail(String member, List<String> to, String subject, String body) {
		return TestMail.application().from(member).to(to.toArray(String[]::new)).subject(subject).body(body).build();
	}

	/** Sends with these envelope recipients, whatever the headers say (Bcc). */
	private static void sendTo(MimeMessage message, List<String> recipients) throws Exception {
		var properties = new java.util.Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
		Session session = Session.getInstance(properties);
		MimeMessage copy = new MimeMessage(session, new java.io.ByteArrayInputStream(bytes(message)));
		try (var transport = session.getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(copy, recipients.stream().map(address -> {
				try {
					return new InternetAddress(address);
				}
				catch (jakarta.mail.internet.AddressException ex) {
					throw new IllegalStateException(ex);
				}
			}).toArray(InternetAddress[]::new));
		}
	}

	private UUID applicationOf(String applicant) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> applicationsOf(applicant), ids -> ids.size() == 1)
			.get(0);
	}

	private List<UUID> applicationsOf(String applicant) {
		return jdbc.sql("select id from application where applicant_email = :email and version > 0")
			.param("email", applicant)
			.query(UUID.class)
			.list();
	}

	private int outboxTo(String address) {
		return jdbc.sql("select count(*) from outbox where kind = 'ACKNOWLEDGEMENT' and :address = any(recipients)")
			.param("address", address)
			.query(Integer.class)
			.single();
	}

	private JsonNode detail(UUID id) throws Exception {
		return json.readTree(get("/api/applications/" + id));
	}

	/** A committee page, as a member signed in with the form sees it. */
	private static String page(String path) throws Exception {
		String base = "http://127.0.0.1:" + guichet.getEnvironment().getProperty("local.server.port");
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new java.net.CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		String login = browser
			.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		var csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
		assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
		browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=committee&password=committee-pass&_csrf=" + csrf.group(1)))
			.build(), HttpResponse.BodyHandlers.discarding());
		var response = browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static String get(String path) throws Exception {
		String port = guichet.getEnvironment().getProperty("local.server.port");
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8)))
			.build();
		var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static String applicant(String name) {
		return MailTestSupport.applicant(greenMail, name);
	}

	private static MimeMessage application(String from, String name, String subject, String body, List<String> to)
			throws Exception {
		return MailTestSupport.application(from, name, subject, body, to);
	}

	private static void send(MimeMessage message) throws Exception {
		MimeMessage copy = new MimeMessage(Session.getInstance(new java.util.Properties()),
				new java.io.ByteArrayInputStream(bytes(message)));
		sendTo(copy, java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList());
	}

	private static List<MimeMessage> inbox(String address) {
		return MailTestSupport.inbox(greenMail, address, "secret");
	}

	private static List<MimeMessage> guichetMail(List<MimeMessage> messages, String kind) {
		return MailTestSupport.guichetMail(messages, kind);
	}

	private static List<MimeMessage> awaitGuichetMail(String address, String kind, int atLeast) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> guichetMail(inbox(address), kind), messages -> messages.size() >= atLeast);
	}

	private static byte[] bytes(MimeMessage message) {
		return MailTestSupport.bytes(message);
	}

}
