package guichet.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
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

/** /actuator/prometheus shows what docs/METRICS.md lists, to an ADMIN only. */
class PrometheusTests {

	GreenMail greenMail = TestMailServer.start();

	ConfigurableApplicationContext guichet;

	@AfterEach
	void stop() {
		if (guichet != null) {
			guichet.close();
		}
		greenMail.stop();
	}

	@Test
	void anAdminReadsTheIntakeOutboxAndApplicationMetricsAndNobodyElseDoes() {
		guichet = Guichets.start(GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl(),
				List.of(Committee.SHARED), "KEEP"));
		TestMail.application().from("ines@example.org").to(Committee.SHARED).sendThrough(greenMail);
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from outbox where state = 'SENT'")
				.query(Integer.class)
				.single() > 0);
		guichet.getBean(StoredCounts.class).refresh();

		assertThat(get(null).statusCode()).isEqualTo(401);
		assertThat(get("committee:committee-pass").statusCode()).isEqualTo(403);
		HttpResponse<String> admin = get("admin:admin-pass");

		assertThat(admin.statusCode()).isEqualTo(200);
		String mailbox = "mailbox=\"" + Committee.SHARED + "\"";
		assertThat(admin.body()).contains("guichet_intake_poll_seconds_count{" + mailbox + "}")
			.contains("guichet_intake_poll_seconds_sum{" + mailbox + "}")
			.contains("guichet_intake_poll_failures_total{" + mailbox + "} 0.0")
			.contains("guichet_intake_fetched_total{" + mailbox + "} 1.0")
			.contains("guichet_intake_since_last_success_seconds{" + mailbox + "}")
			.contains("guichet_intake_poll_interval_seconds{" + mailbox + "} 0.2")
			.contains("guichet_intake_backlog_messages{" + mailbox + "} 0.0")
			.contains("guichet_messages{" + mailbox + ",state=\"FILED\"} 1.0")
			.contains("guichet_outbox_mails{state=\"SENT\"} 1.0")
			.contains("guichet_outbox_send_seconds_count{outcome=\"sent\"} 1")
			.containsPattern("guichet_applications\\{deadline_status=\"(ON_TIME|LATE)\"} 1.0")
			.containsPattern("guichet_note_reading_seconds_count\\{format=\"[a-z]+\"}");
	}

	private HttpResponse<String> get(String credentials) {
		String port = guichet.getEnvironment().getProperty("local.server.port");
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
