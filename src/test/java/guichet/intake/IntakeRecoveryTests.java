package guichet.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A crash between "stored" and "marked in the mailbox", a restart, a second instance: the
 * database's constraints, not memory, make every re-delivery a no-op.
 */
class IntakeRecoveryTests {

	GreenMail greenMail;

	String database;

	final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeEach
	void startMailServerAndDatabase() {
		greenMail = TestMailServer.start();
		database = TestDatabase.newDatabaseUrl();
	}

	@AfterEach
	void stopEverything() {
		contexts.forEach(ConfigurableApplicationContext::close);
		greenMail.stop();
	}

	@Test
	void aFailureAfterTheCommitRedeliversTheMessageAndTheRedeliveryChangesNothing() throws Exception {
		var guichet = start(GuichetTestContext.properties(greenMail, database, List.of(Committee.ALICE), "MOVE"));
		AtomicBoolean failed = new AtomicBoolean();
		CamelContext camel = guichet.getBean(CamelContext.class);
		AdviceWith.adviceWith(camel, "mailbox-" + Committee.ALICE.replace('@', '_'),
				route -> route.weaveById("after-processing").before().process(exchange -> {
					if (failed.compareAndSet(false, true)) {
						throw new IllegalStateException("simulated crash after the commit");
					}
				}));

		TestMail.application()
			.from("dora@example.org")
			.to(Committee.ALICE)
			.appendTo(greenMail, Committee.ALICE, new Date());

		await().atMost(Duration.ofSeconds(20)).until(() -> count("Guichet/Processed") == 1);
		assertThat(failed).isTrue();
		assertThat(count("INBOX")).isZero();
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select copies from submission").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aRestartedGuichetDoesNotFileAgainWhatItAlreadyFiled() {
		Map<String, Object> properties = GuichetTestContext.properties(greenMail, database);
		var first = start(properties);
		TestMail.application().from("emil@example.org").subject("Première").sendThrough(greenMail);
		await().atMost(Duration.ofSeconds(20)).until(() -> filedCopies(first, "emil@example.org") == 4);
		first.close();

		var second = start(properties);
		TestMail.application().from("emil@example.org").subject("Seconde").sendThrough(greenMail);
		await().atMost(Duration.ofSeconds(20)).until(() -> filedCopies(second, "emil@example.org") == 8);

		JdbcClient jdbc = second.getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single()).isEqualTo(8);
		assertThat(jdbc.sql("select copies from submission order by received_at").query(Integer.class).list())
			.containsExactly(4, 4);
	}

	@Test
	void twoInstancesOnTheSameDatabaseAndMailboxesMakeEachApplicationOnce() {
		Map<String, Object> properties = GuichetTestContext.properties(greenMail, database);
		var one = start(properties);
		var two = start(properties);

		for (int i = 0; i < 5; i++) {
			TestMail.application()
				.from("applicant" + i + "@example.org")
				.subject("Candidature " + i)
				.sendThrough(greenMail);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> settled(one) == 20);
		JdbcClient jdbc = two.getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from application").query(Integer.class).single()).isEqualTo(5);
		assertThat(jdbc.sql("select copies from submission").query(Integer.class).list()).containsOnly(4).hasSize(5);
	}

	@Test
	void markSeenTouchesOnlyItsOwnMailboxAndKeepTouchesNothing() throws Exception {
		Map<String, Object> properties = new HashMap<>(
				GuichetTestContext.properties(greenMail, database, List.of(Committee.ALICE, Committee.BRUNO), "KEEP"));
		properties.put("guichet.mailboxes[0].after-processing", "MARK_SEEN");
		var guichet = start(properties);

		TestMail.application().from("fatou@example.org").to(Committee.ALICE, Committee.BRUNO).sendThrough(greenMail);

		await().atMost(Duration.ofSeconds(20)).until(() -> filedCopies(guichet, "fatou@example.org") == 2);
		await().atMost(Duration.ofSeconds(5)).until(() -> seen(Committee.ALICE) == 1);
		assertThat(seen(Committee.BRUNO)).isZero();
	}

	@Test
	void aRebuiltFolderIsReadAgainWithoutDuplicatingAnything() throws Exception {
		Map<String, Object> properties = new HashMap<>(
				GuichetTestContext.properties(greenMail, database, List.of(Committee.ALICE), "KEEP"));
		properties.put("guichet.mailboxes[0].folder", "Applications");
		List<byte[]> messages = List.of(TestMail.application().from("gael@example.org").bytes(),
				TestMail.application().from("hana@example.org").bytes());
		long firstValidity = rebuildFolder("Applications", messages);
		var guichet = start(properties);
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> settled(guichet) == 2);

		long secondValidity = rebuildFolder("Applications", messages);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select uid_validity from mailbox_state")
				.query(Long.class)
				.single() == secondValidity);

		assertThat(secondValidity).isNotEqualTo(firstValidity);
		assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select copies from submission").query(Integer.class).list()).containsExactly(1, 1);
		assertThat(jdbc.sql("select distinct uid_validity from message").query(Long.class).list())
			.containsExactly(secondValidity);
	}

	/**
	 * The embedded mail server comes back empty after a restart, with a new UIDVALIDITY
	 * that is recorded only once mail comes: the change is said once, not at every poll.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aChangedUidValidityOfAnEmptyFolderIsWarnedAboutOnce(CapturedOutput output) throws Exception {
		Map<String, Object> properties = new HashMap<>(
				GuichetTestContext.properties(greenMail, database, List.of(Committee.ALICE), "KEEP"));
		properties.put("guichet.mailboxes[0].folder", "Applications");
		rebuildFolder("Applications", List.of(TestMail.application().from("ines@example.org").bytes()));
		var guichet = start(properties);
		await().atMost(Duration.ofSeconds(20)).until(() -> settled(guichet) == 1);

		rebuildFolder("Applications", List.of());

		await().atMost(Duration.ofSeconds(20)).until(() -> warnings(output) == 1);
		// many polls later (every 200 ms here)
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> warnings(output) == 1);
	}

	private static long warnings(CapturedOutput output) {
		return output.getOut().lines().filter(line -> line.contains("UIDVALIDITY changed from")).count();
	}

	/**
	 * Deletes the folder if it exists and makes it again with these messages: a new
	 * UIDVALIDITY.
	 */
	private long rebuildFolder(String name, List<byte[]> messages) throws Exception {
		try (Store store = imap(Committee.ALICE)) {
			Folder folder = store.getFolder(name);
			if (folder.exists()) {
				folder.delete(true);
			}
			folder.create(Folder.HOLDS_MESSAGES);
			var session = jakarta.mail.Session.getInstance(new java.util.Properties());
			jakarta.mail.Message[] mimes = new jakarta.mail.Message[messages.size()];
			for (int i = 0; i < mimes.length; i++) {
				mimes[i] = new jakarta.mail.internet.MimeMessage(session,
						new java.io.ByteArrayInputStream(messages.get(i)));
			}
			folder.appendMessages(mimes);
			folder.open(Folder.READ_ONLY);
			long validity = ((jakarta.mail.UIDFolder) folder).getUIDValidity();
			folder.close(false);
			return validity;
		}
	}

	@Test
	void aBacklogLargerThanABatchIsReadWindowByWindowEachMessageOnceWithoutWaitingThePollInterval() {
		Map<String, Object> properties = aliceOnly();
		appendApplicationsToAlice("backlog", 20);
		// a window of 2 x 3 UIDs per poll, 7 polls at least; all of them at once, since
		// the interval is an hour:
		// a poll that leaves a backlog behind polls again without waiting
		properties.put("guichet.intake.batch-size", "3");
		properties.put("guichet.mailboxes[0].poll-interval", "1h");
		var guichet = start(properties);

		await().atMost(Duration.ofSeconds(30)).until(() -> settled(guichet) == 20);
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single()).isEqualTo(20);
		assertThat(jdbc.sql("select count(*) from application").query(Integer.class).single()).isEqualTo(20);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select watermark from mailbox_state").query(Long.class).single() == 20L);
	}

	@Test
	void messagesLargerThanTheBatchBytesAreReadOneByOneEachOnce() {
		Map<String, Object> properties = aliceOnly();
		appendApplicationsToAlice("large", 8);
		// every message is larger than the bound: a poll takes one, and the sizes asked
		// for ahead serve the next ones
		properties.put("guichet.intake.batch-bytes", "100B");
		properties.put("guichet.mailboxes[0].poll-interval", "1h");
		var guichet = start(properties);

		await().atMost(Duration.ofSeconds(30)).until(() -> settled(guichet) == 8);
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single()).isEqualTo(8);
		assertThat(jdbc.sql("select min(size) from message").query(Integer.class).single()).isGreaterThan(100);
	}

	private Map<String, Object> aliceOnly() {
		return GuichetTestContext.properties(greenMail, database, List.of(Committee.ALICE), "KEEP");
	}

	/**
	 * Applications from {@code sender0@example.org} on, each with its own subject,
	 * already in alice's mailbox.
	 */
	private void appendApplicationsToAlice(String sender, int count) {
		for (int i = 0; i < count; i++) {
			TestMail.application()
				.from(sender + i + "@example.org")
				.to(Committee.ALICE)
				.subject("Candidature " + i)
				.appendTo(greenMail, Committee.ALICE, new Date());
		}
	}

	private ConfigurableApplicationContext start(Map<String, Object> properties) {
		var context = Guichets.start(properties);
		contexts.add(context);
		return context;
	}

	private static int filedCopies(ConfigurableApplicationContext guichet, String sender) {
		return guichet.getBean(JdbcClient.class)
			.sql("select count(*) from message where sender = :sender and state = 'FILED'")
			.param("sender", sender)
			.query(Integer.class)
			.single();
	}

	private static int settled(ConfigurableApplicationContext guichet) {
		return guichet.getBean(JdbcClient.class)
			.sql("select count(*) from message where state <> 'PENDING'")
			.query(Integer.class)
			.single();
	}

	private int count(String folderName) throws Exception {
		try (Store store = imap(Committee.ALICE)) {
			Folder folder = store.getFolder(folderName);
			if (!folder.exists()) {
				return 0;
			}
			folder.open(Folder.READ_ONLY);
			int count = folder.getMessageCount();
			folder.close(false);
			return count;
		}
	}

	private int seen(String mailbox) throws Exception {
		try (Store store = imap(mailbox)) {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			int seen = 0;
			for (var message : inbox.getMessages()) {
				if (message.isSet(Flags.Flag.SEEN)) {
					seen++;
				}
			}
			inbox.close(false);
			return seen;
		}
	}

	private Store imap(String mailbox) throws Exception {
		var session = jakarta.mail.Session.getInstance(new java.util.Properties());
		Store store = session.getStore("imap");
		store.connect("127.0.0.1", greenMail.getImap().getPort(), mailbox, Committee.PASSWORD);
		return store;
	}

}
