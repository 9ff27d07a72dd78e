package guichet.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.TriggerKey;

import guichet.support.MailTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the committee receives, read back over IMAP from a committee mailbox that Guichet
 * does not poll.
 */
class DigestTests extends MailTestSupport {

	private static final String READER = "dariusz@committee.example";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Digests digests;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	CamelContext camel;

	@Test
	void listsEveryNewApplicationWithTheTotalsOfTheDatabaseAndEscapesWhatApplicantsWrote() throws Exception {
		digests.closeNow();
		String hostile = applicant("hostile");
		String ines = applicant("ines");
		send(application(hostile, "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", ENGLISH_NOTE,
				COMMITTEE));
		send(application(ines, "Inès Morel", "Candidature Inès", FRENCH_NOTE, COMMITTEE.subList(0, 2)));
		await().atMost(Duration.ofSeconds(30)).until(() -> filed(hostile) + filed(ines) == 2);

		ResponseEntity<Map> response = rest.withBasicAuth("admin", "admin")
			.postForEntity("/api/digest", null, Map.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		MimeMessage digest = digestMail(latestDigest());
		assertThat(header(digest, "Auto-Submitted")).isEqualTo("auto-generated");
		assertThat(digest.getContentType()).startsWith("multipart/alternative");
		Document html = Jsoup.parse(text(digest, "text/html"));
		String plain = text(digest, "text/plain");
		assertThat(html.select("script, img, iframe, object")).isEmpty();
		assertThat(html.select("div.application")).hasSize((Integer) response.getBody().get("applications"));
		assertThat(html.text()).contains("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
				"Inès Morel <" + ines + ">", "Candidature Inès", "français / French", "EN RETARD / LATE",
				"chiara@committee.example, dariusz@committee.example",
				"en retard pour la date limite applicable / late for the deadline that applies",
				"the note is in French, so the French deadline (", "applies, even though the English call's deadline");
		assertThat(plain).contains("<script>alert(1)</script>", "Inès Morel <" + ines + ">",
				"Candidatures / Applications: " + count("select count(*) from application where version > 0"),
				"En retard / Late: " + count("select count(*) from application a join submission s on "
						+ "s.application_id = a.id and s.version = a.version where s.deadline_status = 'LATE'"),
				"Langue / Language : français / French: "
						+ count("select count(*) from application a join submission s "
								+ "on s.application_id = a.id and s.version = a.version where s.language = 'fr'"));
	}

	@Test
	void saysSoWhenNothingIsNew() throws Exception {
		digests.closeNow();

		DigestClosed closed = digests.close(Instant.now().plusMillis(5), Digests.Trigger.REQUEST);

		assertThat(closed.applications()).isZero();
		MimeMessage digest = digestMail(closed);
		assertThat(digest.getSubject()).isEqualTo("Guichet : rien de nouveau / nothing new");
		assertThat(text(digest, "text/plain")).contains("Rien de nouveau depuis le résumé précédent.");
	}

	@Test
	void sendsOneDigestWhenTwoTriggersFireForTheSamePeriod() throws Exception {
		Date scheduled = Date.from(Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
		var pool = Executors.newFixedThreadPool(2);

		List<DigestClosed> closed = List
			.of(CompletableFuture.supplyAsync(() -> digests.closeScheduled(scheduled), pool),
					CompletableFuture.supplyAsync(() -> digests.closeScheduled(scheduled), pool))
			.stream()
			.map(CompletableFuture::join)
			.toList();

		pool.shutdown();
		assertThat(closed).extracting(DigestClosed::id).containsOnly(closed.get(0).id());
		assertThat(closed).filteredOn(DigestClosed::byThisTrigger).hasSize(1);
		assertThat(count("select count(*) from outbox where kind = 'DIGEST' and cause = '" + closed.get(0).id() + "'"))
			.isEqualTo(1);
		digestMail(closed.get(0));
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> guichetMail(inbox(READER), "digest").stream()
				.filter(message -> header(message, "Message-ID").contains(closed.get(0).id().toString()))
				.count() == 1);
		await().until(() -> Instant.now().isAfter(scheduled.toInstant()));
	}

	@Test
	void schedulesTheDigestOnTheCronInTheCallsTimezone() throws Exception {
		var trigger = (CronTrigger) camel.getComponent("quartz", QuartzComponent.class)
			.getScheduler()
			.getTrigger(TriggerKey.triggerKey("digest", "guichet"));

		assertThat(trigger.getCronExpression()).isEqualTo("0 0 8 1 1 ? 2099");
		assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Paris");
	}

	private DigestClosed latestDigest() {
		return jdbc.sql("select id, period_end, applications from digest order by period_end desc limit 1")
			.query((rs, n) -> new DigestClosed(rs.getObject("id", java.util.UUID.class),
					rs.getTimestamp("period_end").toInstant(), rs.getInt("applications"), true))
			.single();
	}

	private MimeMessage digestMail(DigestClosed closed) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> guichetMail(inbox(READER), "digest").stream()
				.filter(message -> header(message, "Message-ID").contains(closed.id().toString()))
				.findFirst(), java.util.Optional::isPresent)
			.get();
	}

	private int filed(String applicant) {
		return count("select count(*) from application where version > 0 and applicant_email = '" + applicant + "'");
	}

	private int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
