package guichet.intake;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Flags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.Reliability;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the world does to Guichet: the database goes away and comes back, a mailbox
 * refuses the password or does not answer. Messages wait in their mailbox, health says
 * DOWN and why, the other mailboxes go on, and everything is stored exactly once when the
 * fault is gone, without a restart.
 */
class IntakeFaultTests {

	static Reliability table;

	GreenMail greenMail;

	final List<AutoCloseable> toClose = new ArrayList<>();

	@BeforeAll
	static void table() {
		table = Reliability.table("faults");
	}

	@AfterEach
	void stopEverything() throws Exception {
		for (int i = toClose.size() - 1; i >= 0; i--) {
			toClose.get(i).close();
		}
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	@Test
	void whileTheDatabaseIsDownMessagesWaitInTheMailboxAndAreStoredOnceWhenItIsBack() throws Exception {
		int port = freePort();
		Path data = Files.createTempDirectory(Path.of("target"), "pg-outage-");
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.start();
		greenMail = TestMailServer.start();
		Map<String, Object> properties = GuichetTestContext.properties(greenMail,
				postgres.getJdbcUrl("postgres", "postgres"), List.of(Committee.SHARED), "MARK_SEEN");
		properties.put("spring.datasource.hikari.connection-timeout", "1000");
		ConfigurableApplicationContext guichet = start(properties);
		for (int i = 0; i < 3; i++) {
			TestMail.application()
				.from("before" + i + "@example.org")
				.to(Committee.SHARED)
				.appendTo(greenMail, Committee.SHARED, new Date());
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> filed(guichet) == 3);

		postgres.close();
		for (int i = 0; i < 5; i++) {
			TestMail.application()
				.from("during" + i + "@example.org")
				.to(Committee.SHARED)
				.appendTo(greenMail, Committee.SHARED, new Date());
		}
		MailboxHealth health = guichet.getBean(MailboxHealth.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> health.healthOf(Committee.SHARED).getStatus().equals(Status.DOWN));
		String reasonWhileDown = String.valueOf(health.healthOf(Committee.SHARED).getDetails().get("lastError"));
		Thread.sleep(1500); // polls keep failing for a while: nothing may be marked
							// meanwhile
		int seenWhileDown = seen(Committee.SHARED);
		postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
		toClose.add(postgres);

		await().atMost(Duration.ofSeconds(60)).until(() -> filed(guichet) == 8);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> health.healthOf(Committee.SHARED).getStatus().equals(Status.UP));
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		int rows = jdbc.sql("select count(*) from message").query(Integer.class).single();
		int applications = jdbc.sql("select count(*) from application").query(Integer.class).single();
		table.record("fault: PostgreSQL stopped, then restarted on the same port and data",
				"3 before, 5 during the outage", "FILED " + rows + "/8", "health DOWN: " + reasonWhileDown,
				"seen while down: " + seenWhileDown, Math.abs(8 - rows));
		assertThat(seenWhileDown).isEqualTo(3);
		assertThat(reasonWhileDown).isNotBlank();
		assertThat(rows).isEqualTo(8);
		assertThat(applications).isEqualTo(8);
		await().atMost(Duration.ofSeconds(10)).until(() -> seen(Committee.SHARED) == 8);
	}

	@Test
	void aMailboxWithAWrongPasswordOrNoServerIsDownWithTheReasonAndRecoversWithoutARestart() throws Exception {
		greenMail = TestMailServer.start();
		Map<String, Object> properties = GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl(),
				List.of(Committee.ALICE, Committee.BRUNO, Committee.CHIARA), "KEEP");
		properties.put("guichet.mailboxes[0].password", "not-the-password");
		int laterPort = freePort();
		properties.put("guichet.mailboxes[2].port", String.valueOf(laterPort));
		ConfigurableApplicationContext guichet = start(properties);
		MailboxHealth health = guichet.getBean(MailboxHealth.class);
		TestMail.application()
			.from("to-alice@example.org")
			.to(Committee.ALICE)
			.appendTo(greenMail, Committee.ALICE, new Date());
		TestMail.application()
			.from("to-bruno@example.org")
			.to(Committee.BRUNO)
			.appendTo(greenMail, Committee.BRUNO, new Date());

		await().atMost(Duration.ofSeconds(30)).until(() -> filed(guichet) == 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> health.healthOf(Committee.ALICE).getStatus().equals(Status.DOWN)
					&& health.healthOf(Committee.CHIARA).getStatus().equals(Status.DOWN));
		String aliceReason = String.valueOf(health.healthOf(Committee.ALICE).getDetails().get("lastError"));
		String chiaraReason = String.valueOf(health.healthOf(Committee.CHIARA).getDetails().get("lastError"));
		assertThat(health.healthOf(Committee.BRUNO).getStatus()).isEqualTo(Status.UP);
		assertThat(aliceReason).containsIgnoringCase("authentication");
		assertThat(chiaraReason).containsIgnoringCase("connect");

		greenMail.getUserManager().getUser(Committee.ALICE).setPassword("not-the-password");
		GreenMail later = new GreenMail(new ServerSetup(laterPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
		later.start();
		toClose.add(later::stop);
		later.setUser(Committee.CHIARA, Committee.CHIARA, Committee.PASSWORD);
		TestMail.application()
			.from("to-chiara@example.org")
			.to(Committee.CHIARA)
			.appendTo(later, Committee.CHIARA, new Date());

		await().atMost(Duration.ofSeconds(30)).until(() -> filed(guichet) == 3);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> health.healthOf(Committee.ALICE).getStatus().equals(Status.UP)
					&& health.healthOf(Committee.CHIARA).getStatus().equals(Status.UP));
		table.record("fault: wrong mailbox password, fixed on the server", "1 message waiting", "FILED 1/1",
				"health DOWN: " + aliceReason, "other mailboxes UP", 0);
		table.record("fault: mailbox server not running, started later", "1 message waiting", "FILED 1/1",
				"health DOWN: " + chiaraReason, "other mailboxes UP", 0);
	}

	private ConfigurableApplicationContext start(Map<String, Object> properties) {
		ConfigurableApplicationContext context = Guichets.start(properties);
		toClose.add(context::close);
		return context;
	}

	private static int filed(ConfigurableApplicationContext guichet) {
		try {
			return guichet.getBean(JdbcClient.class)
				.sql("select count(*) from message where state = 'FILED'")
				.query(Integer.class)
				.single();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private int seen(String mailbox) {
		try {
			return (int) greenMail.getManagers()
				.getImapHostManager()
				.getInbox(greenMail.getUserManager().getUser(mailbox))
				.getMessages()
				.stream()
				.filter(message -> message.getFlags().contains(Flags.Flag.SEEN))
				.count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
