package guichet.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import guichet.support.GuichetTestContext;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static guichet.support.Committee.ALICE;
import static guichet.support.Committee.BRUNO;
import static guichet.support.Committee.CHIARA;
import static guichet.support.Committee.DARIUSZ;
import static guichet.support.Committee.SHARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The merging rules of docs/COMMITTEE.md ("How copies are merged"), each shown by real
 * MIME messages delivered into the committee's mailboxes and read back through the API.
 * Every scenario uses its own applicants.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its mail server stops after the class: close the context rather than
				// let it poll a dead server
class MergingTests {

	static GreenMail greenMail = TestMailServer.start();

	@DynamicPropertySource
	static void guichet(DynamicPropertyRegistry registry) {
		GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl())
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stopMailServer() {
		greenMail.stop();
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	/**
	 * A note of this scenario's own, so that no other scenario's applicant shares its
	 * attachment.
	 */
	static byte[] note(String who) {
		return ("Note descriptive du collectif " + who + ": objectifs, personnes, avancement, attentes.").getBytes();
	}

	static byte[] correctedNote(String who) {
		return ("Note descriptive corrigée du collectif " + who + ": objectifs, personnes, avancement.").getBytes();
	}

	/**
	 * A scenario: what the applicants send (given a unique prefix for their addresses),
	 * and what the committee sees.
	 */
	record Scenario(String name, int messages, BiConsumer<String, GreenMail> send, Consumer<List<JsonNode>> expect) {

		@Override
		public String toString() {
			return name;
		}

	}

	static Stream<Arguments> scenarios() {
		return Stream.of(scenario("one message, same Message-ID in four mailboxes: one application, four copies", 4,
				(who, mail) -> {
					var message = TestMail.application()
						.from(who + "@example.org")
						.attach("note.txt", "text/plain", note(who));
					for (String member : List.of(ALICE, BRUNO, CHIARA, DARIUSZ)) {
						message.appendTo(mail, member, new Date());
					}
				}, apps -> {
					assertThat(apps).hasSize(1);
					assertThat(apps.get(0).get("copies").asInt()).isEqualTo(4);
					assertThat(flags(apps.get(0))).doesNotContain("COMMITTEE_INCOMPLETE", "RESUBMITTED");
				}), scenario("four separate sends, one per member: one application, four copies, nobody missing", 4,
						(who, mail) -> {
							for (String member : List.of(ALICE, BRUNO, CHIARA, DARIUSZ)) {
								TestMail.application()
									.from(who + "@example.org")
									.to(member)
									.attach("note.txt", "text/plain", note(who))
									.sendThrough(mail);
							}
						}, apps -> {
							assertThat(apps).hasSize(1);
							assertThat(apps.get(0).get("copies").asInt()).isEqualTo(4);
							assertThat(apps.get(0).get("missingCommittee")).isEmpty();
						}),
				scenario("no Message-ID, same sender, subject and body: one application", 2, (who, mail) -> {
					for (String member : List.of(ALICE, BRUNO)) {
						TestMail.application()
							.from(who + "@example.org")
							.messageId(null)
							.to(ALICE, BRUNO, CHIARA, DARIUSZ)
							.body("Notre candidature, en quelques lignes.")
							.appendTo(mail, member, new Date());
					}
				}, apps -> {
					assertThat(apps).hasSize(1);
					assertThat(apps.get(0).get("copies").asInt()).isEqualTo(2);
				}), scenario("Re:, Fwd:, TR: and case do not make another submission", 3, (who, mail) -> {
					for (String subject : List.of("Candidature collectif", "RE : candidature  Collectif",
							"Fwd: TR: CANDIDATURE COLLECTIF")) {
						TestMail.application()
							.from(who + "@example.org")
							.subject(subject)
							.attach("note.txt", "text/plain", note(who))
							.appendTo(mail, ALICE, new Date());
					}
				}, apps -> {
					assertThat(apps).hasSize(1);
					assertThat(apps.get(0).get("copies").asInt()).isEqualTo(3);
				}), scenario("same sender and subject, different note: version 2, RESUBMITTED", 2, (who, mail) -> {
					TestMail.application()
						.from(who + "@example.org")
						.attach("note.txt", "text/plain", note(who))
						.appendTo(mail, ALICE, new Date());
					TestMail.application()
						.from(who + "@example.org")
						.attach("note.txt", "text/plain", correctedNote(who))
						.appendTo(mail, ALICE, new Date());
				}, apps -> {
					assertThat(apps).hasSize(1);
					assertThat(apps.get(0).get("version").asInt()).isEqualTo(2);
					assertThat(flags(apps.get(0))).contains("RESUBMITTED");
				}), scenario("same content after the merge window: a new version, not a copy", 2, (who, mail) -> {
					Date first = Date.from(Instant.parse("2019-12-01T10:00:00Z"));
					Date eightDaysLater = Date.from(Instant.parse("2019-12-09T10:00:00Z"));
					TestMail.application()
						.from(who + "@example.org")
						.messageId(null)
						.attach("note.txt", "text/plain", note(who))
						.appendTo(mail, ALICE, first);
					TestMail.application()
						.from(who + "@example.org")
						.messageId(null)
						.attach("note.txt", "text/plain", note(who))
						.appendTo(mail, ALICE, eightDaysLater);
				}, apps -> {
					assertThat(apps).hasSize(1);
					assertThat(apps.get(0).get("version").asInt()).isEqualTo(2);
				}), scenario("two senders, same subject: two applications", 2, (who, mail) -> {
					TestMail.application()
						.from(who + "-one@example.org")
						.attach("a.txt", "text/plain", note(who))
						.appendTo(mail, ALICE, new Date());
					TestMail.application()
						.from(who + "-two@example.org")
						.attach("b.txt", "text/plain", correctedNote(who))
						.appendTo(mail, ALICE, new Date());
				}, apps -> {
					assertThat(apps).hasSize(2);
					assertThat(apps).allSatisfy(app -> assertThat(flags(app)).doesNotContain("POSSIBLE_DUPLICATE"));
				}), scenario("two senders, same attachment: never merged, both flagged POSSIBLE_DUPLICATE", 2,
						(who, mail) -> {
							byte[] shared = (who + " shared note of one collective").getBytes();
							TestMail.application()
								.from(who + "-one@example.org")
								.attach("note.txt", "text/plain", shared)
								.appendTo(mail, ALICE, new Date());
							TestMail.application()
								.from(who + "-two@example.org")
								.subject("Autre sujet")
								.attach("note.txt", "text/plain", shared)
								.appendTo(mail, BRUNO, new Date());
						}, apps -> {
							assertThat(apps).hasSize(2);
							assertThat(apps).allSatisfy(app -> assertThat(flags(app)).contains("POSSIBLE_DUPLICATE"));
						}),
				scenario("three of four members addressed: COMMITTEE_INCOMPLETE naming the missing one", 3,
						(who, mail) -> {
							var message = TestMail.application().from(who + "@example.org").to(ALICE, BRUNO, CHIARA);
							for (String member : List.of(ALICE, BRUNO, CHIARA)) {
								message.appendTo(mail, member, new Date());
							}
						}, apps -> {
							assertThat(apps).hasSize(1);
							assertThat(flags(apps.get(0))).contains("COMMITTEE_INCOMPLETE");
							assertThat(apps.get(0).get("missingCommittee").get(0).asText()).isEqualTo(DARIUSZ);
						}),
				scenario("two members in To, two in Cc, display names and capitals: nobody missing", 1,
						(who, mail) -> TestMail.application()
							.from("\"Ana B.\" <" + who.toUpperCase() + "@Example.ORG>")
							.to("Alice Martin <ALICE@Committee.Example>", "bruno@committee.example")
							.cc("\"Chiara R.\" <Chiara@COMMITTEE.example>", "dariusz@committee.example")
							.appendTo(mail, SHARED, new Date()),
						apps -> {
							assertThat(apps).hasSize(1);
							assertThat(apps.get(0).get("missingCommittee")).isEmpty();
							assertThat(apps.get(0).get("addressedCommittee")).hasSize(4);
							assertThat(flags(apps.get(0))).doesNotContain("COMMITTEE_INCOMPLETE");
						}));
	}

	static Arguments scenario(String name, int messages, BiConsumer<String, GreenMail> send,
			Consumer<List<JsonNode>> expect) {
		return Arguments.of(new Scenario(name, messages, send, expect));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void mergesAsTheRulesSay(Scenario scenario) {
		String who = "s" + Long.toString(System.nanoTime(), 36);

		scenario.send().accept(who, greenMail);

		await().atMost(Duration.ofSeconds(30)).until(() -> settledFrom(who) == scenario.messages());
		scenario.expect().accept(applicationsFrom(who));
	}

	/**
	 * The list judges every application's possible duplicates in one statement, its page
	 * with the application's own query: both by the latest version. Three applicants send
	 * the same attachment; the third then sends a corrected note, so only its first
	 * version still shares the attachment.
	 */
	@Test
	void theListAndEachApplicationsPageAgreeOnPossibleDuplicates() {
		String who = "d" + Long.toString(System.nanoTime(), 36);
		byte[] shared = (who + " shared note of one collective").getBytes();
		for (String applicant : List.of("-one", "-two", "-three")) {
			TestMail.application()
				.from(who + applicant + "@example.org")
				.subject("Collectif" + applicant)
				.attach("note.txt", "text/plain", shared)
				.appendTo(greenMail, ALICE, new Date());
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> settledFrom(who) == 3);
		TestMail.application()
			.from(who + "-three@example.org")
			.subject("Collectif-three")
			.attach("note.txt", "text/plain", correctedNote(who))
			.appendTo(greenMail, ALICE, new Date());
		await().atMost(Duration.ofSeconds(30)).until(() -> settledFrom(who) == 4);

		List<JsonNode> apps = applicationsFrom(who);

		assertThat(apps).hasSize(3);
		for (JsonNode app : apps) {
			JsonNode page = http.withBasicAuth("committee", "committee-pass")
				.getForObject("/api/applications/" + app.get("id").asText(), JsonNode.class);
			boolean third = app.get("applicant").get("email").asText().startsWith(who + "-three");
			assertThat(flags(app).contains("POSSIBLE_DUPLICATE")).as(app.get("applicant").toString()).isEqualTo(!third);
			assertThat(page.get("possibleDuplicates").isEmpty()).as(app.get("applicant").toString()).isEqualTo(third);
			assertThat(flags(page)).isEqualTo(flags(app));
		}
	}

	@ParameterizedTest(name = "{0} is ignored, never an application")
	@MethodSource("notApplications")
	void messagesThatAreNotApplicationsAreIgnoredWithAReason(String kind, Consumer<TestMail> shape, String reason) {
		String who = "n" + Long.toString(System.nanoTime(), 36);
		TestMail message = TestMail.application().from(who + "@example.org");
		shape.accept(message);

		message.appendTo(greenMail, ALICE, new Date());

		await().atMost(Duration.ofSeconds(30)).until(() -> settledFrom(who) == 1);
		assertThat(jdbc.sql("select state || ' ' || reason from message where sender like :who")
			.param("who", who + "%")
			.query(String.class)
			.single()).startsWith("IGNORED " + reason);
		assertThat(applicationsFrom(who)).isEmpty();
	}

	static Stream<Arguments> notApplications() {
		return Stream.of(
				Arguments.of("an out-of-office reply",
						(Consumer<TestMail>) m -> m.subject("Absence du bureau")
							.header("Auto-Submitted", "auto-replied"),
						"AUTO_REPLY"),
				Arguments.of("an X-Autoreply", (Consumer<TestMail>) m -> m.header("X-Autoreply", "yes"), "AUTO_REPLY"),
				Arguments.of("a bulk message", (Consumer<TestMail>) m -> m.header("Precedence", "bulk"),
						"BULK_OR_LIST"),
				Arguments.of("a mailing-list message",
						(Consumer<TestMail>) m -> m.header("List-Id", "<workers.lists.example.org>"), "MAILING_LIST"),
				Arguments.of("a bounce with a null return path",
						(Consumer<TestMail>) m -> m.header("Return-Path", "<>"), "BOUNCE"),
				Arguments.of("a delivery-status report",
						(Consumer<TestMail>) m -> m.header("Content-Type",
								"multipart/report; report-type=delivery-status; boundary=x"),
						"BOUNCE"),
				Arguments.of("Guichet's own mail", (Consumer<TestMail>) m -> m.header("X-Guichet", "acknowledgement"),
						"SENT_BY_GUICHET"));
	}

	private int settledFrom(String who) {
		return jdbc.sql("select count(*) from message where sender like :who and state <> 'PENDING'")
			.param("who", who + "%")
			.query(Integer.class)
			.single();
	}

	private List<JsonNode> applicationsFrom(String who) {
		JsonNode all = http.withBasicAuth("committee", "committee-pass")
			.getForObject("/api/applications", JsonNode.class);
		return Stream.of(all)
			.flatMap(array -> java.util.stream.StreamSupport.stream(array.spliterator(), false))
			.filter(app -> app.get("applicant").get("email").asText().startsWith(who))
			.toList();
	}

	private static List<String> flags(JsonNode application) {
		return java.util.stream.StreamSupport.stream(application.get("flags").spliterator(), false)
			.map(JsonNode::asText)
			.toList();
	}

}
