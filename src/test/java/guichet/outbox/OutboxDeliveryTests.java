package guichet.outbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import guichet.support.Guichets;
import guichet.support.GuichetTestContext;
import guichet.support.MailTestSupport;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static guichet.support.MailTestSupport.COMMITTEE;
import static guichet.support.MailTestSupport.ENGLISH_NOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each mail is delivered once, whatever happens between "stored" and "sent": the SMTP
 * server down for a while, or Guichet stopped and started again. Each test runs its own
 * Guichet(s) on a data directory of its own.
 */
class OutboxDeliveryTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	@Test
	void deliversOnceWhenTheMailServerComesBackAfterBeingDown() throws Exception {
		int smtpPort = freePort();
		String ana = MailTestSupport.applicant(greenMail, "ana");
		GreenMail outgoing = new GreenMail(new ServerSetup[] { new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
				new ServerSetup(freePort(), "127.0.0.1", "imap") });
		outgoing.setUser(ana, ana, "secret");
		try (ConfigurableApplicationContext guichet = start(smtpPort, dataDir(), true)) {
			JdbcClient jdbc = guichet.getBean(JdbcClient.class);
			MailTestSupport.send(greenMail,
					MailTestSupport.application(ana, "Ana", "Application", ENGLISH_NOTE, COMMITTEE));
			await().atMost(Duration.ofSeconds(30)).until(() -> attempts(jdbc, ana), attempts -> attempts >= 2);

			outgoing.start();

			await().atMost(Duration.ofSeconds(30))
				.until(() -> MailTestSupport.inbox(outgoing, ana, "secret").size() == 1);
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.until(() -> MailTestSupport.inbox(outgoing, ana, "secret").size() == 1);
			assertThat(state(jdbc, ana)).isEqualTo("SENT");
		}
		finally {
			outgoing.stop();
		}
	}

	@Test
	void sendsOnceAfterARestartBetweenStoredAndSent() throws Exception {
		String ben = MailTestSupport.applicant(greenMail, "ben");
		String dataDir = dataDir();
		try (ConfigurableApplicationContext guichet = start(greenMail.getSmtp().getPort(), dataDir, false)) {
			JdbcClient jdbc = guichet.getBean(JdbcClient.class);
			MailTestSupport.send(greenMail,
					MailTestSupport.application(ben, "Ben", "Application", ENGLISH_NOTE, COMMITTEE));
			await().atMost(Duration.ofSeconds(30)).until(() -> "PENDING".equals(state(jdbc, ben)));
		}
		assertThat(MailTestSupport.inbox(greenMail, ben, "secret")).isEmpty();

		try (ConfigurableApplicationContext guichet = start(greenMail.getSmtp().getPort(), dataDir, true)) {
			JdbcClient jdbc = guichet.getBean(JdbcClient.class);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> MailTestSupport.inbox(greenMail, ben, "secret").size() == 1);
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.until(() -> MailTestSupport.inbox(greenMail, ben, "secret").size() == 1);
			assertThat(state(jdbc, ben)).isEqualTo("SENT");
		}
	}

	private ConfigurableApplicationContext start(int smtpPort, String dataDir, boolean sending) {
		greenMail.setUser("alice@committee.example", "alice@committee.example", "secret");
		Map<String, Object> settings = new HashMap<>(
				GuichetTestContext.settings(greenMail.getImap().getPort(), smtpPort, dataDir));
		settings.put("guichet.outbox.sending", String.valueOf(sending));
		settings.put("server.port", "0");
		settings.put("guichet.mailboxes[0].protocol", "imap");
		settings.put("guichet.mailboxes[0].host", "127.0.0.1");
		settings.put("guichet.mailboxes[0].port", String.valueOf(greenMail.getImap().getPort()));
		settings.put("guichet.mailboxes[0].username", "alice@committee.example");
		settings.put("guichet.mailboxes[0].password", "secret");
		settings.put("guichet.mailboxes[0].poll-interval", "500ms");
		// as command-line arguments, which win over config/application.yml
		return Guichets.start(settings);
	}

	private static int attempts(JdbcClient jdbc, String recipient) {
		return jdbc.sql("select coalesce(max(attempts), 0) from outbox where :to = any (recipients)")
			.param("to", recipient)
			.query(Integer.class)
			.single();
	}

	private static String state(JdbcClient jdbc, String recipient) {
		List<String> states = jdbc.sql("select state from outbox where :to = any (recipients)")
			.param("to", recipient)
			.query(String.class)
			.list();
		return states.size() == 1 ? states.get(0) : String.valueOf(states);
	}

	private static String dataDir() {
		return "target/test-pg/" + UUID.randomUUID();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
