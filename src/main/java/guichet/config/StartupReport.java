package guichet.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.application.CommitteeProperties;
import guichet.intake.MailboxHealth;
import guichet.intake.Mailboxes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The start-up block: which database and which mailboxes are in use, and how to send a
 * test application; then, once, how long start-up took until every mailbox had been
 * polled.
 */
@Component
class StartupReport {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	private final DataSource dataSource;

	private final Mailboxes mailboxes;

	private final MailboxHealth health;

	private final CommitteeProperties committee;

	private final ObjectProvider<EmbeddedMailServer> embeddedMail;

	private final Environment environment;

	private volatile boolean firstPollReported;

	StartupReport(DataSource dataSource, Mailboxes mailboxes, MailboxHealth health, CommitteeProperties committee,
			ObjectProvider<EmbeddedMailServer> embeddedMail, Environment environment) {
		this.dataSource = dataSource;
		this.mailboxes = mailboxes;
		this.health = health;
		this.committee = committee;
		this.embeddedMail = embeddedMail;
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		if (!environment.getProperty("camel.main.auto-startup", Boolean.class, true)) {
			// a command (import) with Guichet's intake but without its routes: nothing
			// runs that the block would describe
			return;
		}
		String database = dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : dataSource.toString();
		String polled = mailboxes.all()
			.stream()
			.map(mailbox -> "    - %s  %s://%s:%d/%s every %s, after processing: %s".formatted(mailbox.name(),
					mailbox.protocol().name().toLowerCase(), mailbox.host(), mailbox.effectivePort(), mailbox.folder(),
					mailbox.pollInterval(), mailbox.afterProcessing()))
			.collect(Collectors.joining("\n"));
		StringBuilder block = new StringBuilder("\n\n=== Guichet is running ===\n");
		block.append("  Database: ")
			.append(database.replaceAll("password=[^&;]*", "password=***"))
			.append(environment.containsProperty("spring.datasource.url") ? "" : "  (embedded PostgreSQL)")
			.append('\n');
		block.append("  Mailboxes polled").append(mailboxes.embedded() ? " (embedded mail server)" : "").append(":\n");
		block.append(polled).append('\n');
		block.append("  API: http://localhost:")
			.append(environment.getProperty("local.server.port", "8080"))
			.append("/api/applications   health: /actuator/health\n");
		EmbeddedMailServer server = embeddedMail.getIfAvailable();
		if (server != null) {
			block.append(
					"  Send a test application (a note to the whole committee; the embedded mail server relays nothing):\n");
			block.append("    scripts/send-test-application.sh --port ")
				.append(server.smtpPort())
				.append(' ')
				.append(committee.members().stream().map(member -> member.email()).collect(Collectors.joining(" ")))
				.append('\n');
			block.append("    (or any mail client on SMTP localhost:")
				.append(server.smtpPort())
				.append(", no password, to: ")
				.append(String.join(", ", committee.addresses()))
				.append(")\n");
		}
		log.info(block.toString());
	}

	/** Start-up to first poll (issue #7 holds it to 15 s on embedded defaults). */
	@Scheduled(fixedDelay = 200)
	void reportFirstPoll() {
		if (firstPollReported || !health.allPolledOnce()) {
			return;
		}
		firstPollReported = true;
		Duration sinceStart = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
		log.info("Start-up to first poll of every mailbox: {} ms", sinceStart.toMillis());
	}

}
