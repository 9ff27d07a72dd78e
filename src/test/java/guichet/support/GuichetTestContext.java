package guichet.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;

/**
 * The properties that point a Guichet context at a test's GreenMail server (one IMAP
 * mailbox per committee member and the shared one, polled often) and at a fresh database
 * of the shared test PostgreSQL. Start such a Guichet with {@link Guichets}, which says
 * which Guichet to test against when.
 */
public final class GuichetTestContext {

	private GuichetTestContext() {
	}

	/**
	 * Creates the mailbox users on the server and returns the properties for a context
	 * polling them all.
	 */
	public static Map<String, Object> properties(GreenMail greenMail, String databaseUrl) {
		return properties(greenMail, databaseUrl, Committee.MAILBOXES, "KEEP");
	}

	public static Map<String, Object> properties(GreenMail greenMail, String databaseUrl, List<String> mailboxes,
			String afterProcessing) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", databaseUrl);
		properties.put("server.port", "0");
		properties.put("guichet.smtp.host", "127.0.0.1");
		properties.put("guichet.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
		putTestCommittee(properties);
		properties.put("guichet.security.users[0].username", "committee");
		properties.put("guichet.security.users[0].password", "{noop}committee-pass");
		properties.put("guichet.security.users[0].role", "COMMITTEE");
		properties.put("guichet.security.users[1].username", "admin");
		properties.put("guichet.security.users[1].password", "{noop}admin-pass");
		properties.put("guichet.security.users[1].role", "ADMIN");
		for (int i = 0; i < mailboxes.size(); i++) {
			String address = mailboxes.get(i);
			if (greenMail.getUserManager().getUser(address) == null) {
				greenMail.setUser(address, address, Committee.PASSWORD);
			}
			String prefix = "guichet.mailboxes[" + i + "].";
			properties.put(prefix + "name", address);
			properties.put(prefix + "protocol", "imap");
			properties.put(prefix + "host", "127.0.0.1");
			properties.put(prefix + "port", String.valueOf(greenMail.getImap().getPort()));
			properties.put(prefix + "username", address);
			properties.put(prefix + "password", Committee.PASSWORD);
			properties.put(prefix + "poll-interval", "200ms");
			properties.put(prefix + "after-processing", afterProcessing);
		}
		return properties;
	}

	/**
	 * Settings of a test Guichet whose mail goes through this SMTP port, with a data
	 * directory of its own, judging as the shared one ({@link MailTestSupport}) does:
	 * French notes late, English notes on time. Here rather than on MailTestSupport,
	 * whose class starts the shared GreenMail: a benchmark that used them from there kept
	 * that server's threads, and so its JVM, alive after it had printed its figures.
	 */
	public static Map<String, String> settings(int imapPort, int smtpPort, String dataDir) {
		LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("guichet.embedded.data-dir", dataDir);
		settings.put("guichet.smtp.host", "127.0.0.1");
		settings.put("guichet.smtp.port", String.valueOf(smtpPort));
		settings.put("guichet.outbox.interval", "200");
		settings.put("guichet.outbox.first-retry", "200ms");
		settings.put("guichet.outbox.max-retry", "1s");
		settings.put("guichet.outbox.max-attempts", "100");
		settings.put("guichet.call.deadlines.fr", today.minusDays(1).toString());
		settings.put("guichet.call.deadlines.en", today.plusDays(30).toString());
		settings.put("guichet.digest.cron", "0 0 8 1 1 ? 2099");
		putTestCommittee(settings);
		settings.put("guichet.security.users[0].username", "admin");
		settings.put("guichet.security.users[0].password", "{noop}admin");
		settings.put("guichet.security.users[0].role", "ADMIN");
		settings.put("guichet.security.users[1].username", "member");
		settings.put("guichet.security.users[1].password", "{noop}member");
		settings.put("guichet.security.users[1].role", "COMMITTEE");
		settings.put("camel.springboot.main-run-controller", "false");
		return settings;
	}

	/**
	 * The tests' own committee ({@link Committee#MEMBERS}), not the call's: their
	 * mailboxes are the test server's.
	 */
	private static void putTestCommittee(Map<String, ? super String> settings) {
		for (int i = 0; i < Committee.MEMBERS.size(); i++) {
			settings.put("guichet.committee[" + i + "]", Committee.MEMBERS.get(i));
		}
	}

}
