package guichet.intake;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.TestDatabase;
import guichet.support.TestMail;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A POP3 mailbox works by settings alone: UIDL for the ledger, Received: for the time,
 * DELETE once stored.
 */
class Pop3IntakeTests {

	GreenMail greenMail = new GreenMail(new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(),
			ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort() });

	ConfigurableApplicationContext guichet;

	@AfterEach
	void stop() {
		if (guichet != null) {
			guichet.close();
		}
		greenMail.stop();
	}

	@Test
	void aPop3MailboxIsReadByUidlAndEmptiedOnlyOnceStored() {
		greenMail.start();
		Map<String, Object> properties = new HashMap<>(GuichetTestContext.properties(greenMail,
				TestDatabase.newDatabaseUrl(), List.of(Committee.SHARED), "DELETE"));
		properties.put("guichet.mailboxes[0].protocol", "pop3");
		properties.put("guichet.mailboxes[0].port", String.valueOf(greenMail.getPop3().getPort()));
		guichet = Guichets.start(properties);

		// an earlier hop's stamp and a lying Date:; GreenMail stamps its own Received: on
		// top, as the committee's server
		TestMail.application()
			.from("ines@example.org")
			.to(Committee.SHARED)
			.sentDate(java.util.Date.from(java.time.Instant.parse("2019-12-01T08:00:00Z")))
			.header("Received",
					"from mx.example.org by relay.example.org with ESMTPS id 42;\r\n"
							+ "\tWed, 18 Dec 2019 10:00:00 +0100")
			.sendThrough(greenMail);
		TestMail.application().from("jon@example.org").to(Committee.SHARED).sendThrough(greenMail);

		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select count(*) from message where state = 'FILED'")
				.query(Integer.class)
				.single() == 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> inboxSize() == 0);
		assertThat(jdbc.sql("select location from message").query(String.class).list())
			.allMatch(l -> l.startsWith("pop3:"));
		assertThat(jdbc.sql("select received_at_source from message").query(String.class).list())
			.containsOnly("RECEIVED_HEADER");
		assertThat(jdbc.sql("select count(*) from message where received_at > now() - interval '5 minutes'")
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	private int inboxSize() throws Exception {
		var user = greenMail.getUserManager().getUser(Committee.SHARED);
		return greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
	}

}
