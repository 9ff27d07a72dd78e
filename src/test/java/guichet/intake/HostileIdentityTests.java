package guichet.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import guichet.application.Clerk;
import guichet.support.HostileDocuments;
import guichet.support.MailTestSupport;
import guichet.support.Reliability;
import guichet.support.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #17, points 2 to 4: a 200 KB subject, a NUL in a file name and a line break in a
 * display name lost the application or reached Guichet's own mail. Each is appended to a
 * member's mailbox, polled over IMAP by the real routes, and must end FILED with a
 * readable application and an acknowledgement without the sender's line breaks.
 */
class HostileIdentityTests extends MailTestSupport {

	static final String ALICE = COMMITTEE.get(0);

	static Reliability table;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate http;

	@Autowired
	Clerk clerk;

	@BeforeAll
	static void freshTable() {
		table = Reliability.table("hostile-identity");
	}

	@Test
	void aSubjectOf200KilobytesIsFiledWithItsSubjectCutAndItsLengthSaid() {
		String applicant = applicant("long");
		byte[] raw = TestMail.application()
			.from("Long <" + applicant + ">")
			.subject("Candidature " + "x".repeat(200 * 1024))
			.body(FRENCH_NOTE)
			.bytes();

		UUID id = deliver(raw, applicant, "200 KB Subject: header");

		String subject = jdbc.sql("select subject from application where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(subject).hasSizeLessThanOrEqualTo(500).endsWith("characters]").startsWith("Candidature xxx");
		assertThat(http.withBasicAuth("admin", "admin")
			.getForEntity("/api/applications/" + id, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		MimeMessage acknowledgement = awaitGuichetMail(applicant, "acknowledgement", 1).get(0);
		assertThat(header(acknowledgement, "Subject").length()).isLessThan(2000);
	}

	@Test
	void aNulInAnAttachmentsFileNameIsFiledWithTheNameCleaned() throws Exception {
		String applicant = applicant("nul");
		String pdf = Base64.getMimeEncoder().encodeToString(HostileDocuments.textPdf(1));
		String text = ("From: Nul <" + applicant + ">\r\nTo: " + String.join(", ", COMMITTEE) + "\r\n"
				+ "Subject: Candidature NUL\r\nMessage-ID: <" + UUID.randomUUID() + "@applicants.example>\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
				+ "Content-Type: text/plain; charset=UTF-8\r\n\r\nVoici notre note.\r\n--b\r\n"
				+ "Content-Type: application/pdf; name=\"note\u0000.pdf\"\r\n"
				+ "Content-Disposition: attachment; filename=\"note\u0000\u0007.pdf\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n" + pdf + "\r\n--b--\r\n");

		UUID id = deliver(text.getBytes(StandardCharsets.ISO_8859_1), applicant, "NUL in an attachment's file name");

		String filename = jdbc.sql("select note_filename from submission where application_id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(filename).doesNotContain("\u0000", "\u0007").contains("note").endsWith(".pdf");
		awaitGuichetMail(applicant, "acknowledgement", 1);
	}

	@Test
	void aLineBreakInADisplayNameNeverReachesAHeaderOrTheGreeting() throws Exception {
		String applicant = applicant("crlf");
		String victim = applicant("victim");
		String name = "=?UTF-8?B?"
				+ Base64.getEncoder()
					.encodeToString(("Ana\r\n Bcc: " + victim + "\r\nX-Injected: yes").getBytes(StandardCharsets.UTF_8))
				+ "?=";
		byte[] raw = TestMail.application().from("Ana <" + applicant + ">").body(FRENCH_NOTE).bytes();
		String text = new String(raw, StandardCharsets.ISO_8859_1).replaceFirst("From: [^\r\n]*",
				java.util.regex.Matcher.quoteReplacement("From: " + name + " <" + applicant + ">"));

		UUID id = deliver(text.getBytes(StandardCharsets.ISO_8859_1), applicant, "CR LF in the display name");

		MimeMessage acknowledgement = awaitGuichetMail(applicant, "acknowledgement", 1).get(0);
		InternetAddress to = (InternetAddress) acknowledgement.getRecipients(MimeMessage.RecipientType.TO)[0];
		assertThat(to.getPersonal()).doesNotContain("\r", "\n").startsWith("Ana Bcc:");
		assertThat(acknowledgement.getHeader("Bcc")).isNull();
		assertThat(acknowledgement.getHeader("X-Injected")).isNull();
		String greeting = text(acknowledgement, "text/plain").lines().findFirst().orElseThrow();
		assertThat(greeting).startsWith("Bonjour Ana Bcc: " + victim);
		String stored = jdbc.sql("select applicant_name from application where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("\r", "\n");
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> inbox(victim).isEmpty());
	}

	@Test
	void aNameWrittenInRawUtf8IsReadAsUtf8AndGreetedRight() throws Exception {
		String applicant = applicant("elodie");
		byte[] raw = TestMail.application().from("Elodie <" + applicant + ">").body(FRENCH_NOTE).bytes();
		String text = new String(raw, StandardCharsets.UTF_8).replaceFirst("From: [^\r\n]*",
				java.util.regex.Matcher.quoteReplacement("From: Élodie Müller <" + applicant + ">"));

		UUID id = deliver(text.getBytes(StandardCharsets.UTF_8), applicant, "raw UTF-8 display name (RFC 6532)");

		String stored = jdbc.sql("select applicant_name from application where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo("Élodie Müller");
		MimeMessage acknowledgement = awaitGuichetMail(applicant, "acknowledgement", 1).get(0);
		assertThat(text(acknowledgement, "text/plain").lines().findFirst().orElseThrow())
			.isEqualTo("Bonjour Élodie Müller,");
	}

	/**
	 * Appends the message to Alice's mailbox (or, when GreenMail refuses to store it,
	 * hands it to the clerk as the mailbox reader would) and waits for its application.
	 */
	private UUID deliver(byte[] raw, String applicant, String name) {
		try {
			TestMail.appendRaw(greenMail, ALICE, raw, new Date());
		}
		catch (IllegalStateException refused) {
			clerk.file(new ReceivedMessage("direct", "direct:" + UUID.randomUUID(), null, null, raw,
					new ReceptionTime(Instant.now(), ReceptionTime.Source.FETCH_TIME)));
		}
		List<String> states = await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql("select state from message where sender = :sender")
				.param("sender", applicant)
				.query(String.class)
				.list(), found -> !found.isEmpty() && !found.contains("PENDING"));
		UUID id = jdbc.sql("select id from application where applicant_email = :email and version > 0")
			.param("email", applicant)
			.query(UUID.class)
			.optional()
			.orElse(null);
		String flags = id == null ? ""
				: String.join(" ",
						jdbc.sql("select array_to_string(flags, ' ') from submission where application_id = :id")
							.param("id", id)
							.query(String.class)
							.list());
		table.record("hostile identity (issue #17)", name, states.get(0), "", flags, states.contains("FILED") ? 0 : 1);
		assertThat(states).containsOnly("FILED");
		assertThat(id).isNotNull();
		return id;
	}

}
