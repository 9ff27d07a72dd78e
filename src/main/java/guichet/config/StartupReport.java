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
 * The start-up block: which database and which mailboxes are in use, and how to send a test application; then,
 * once, how long start-up took until every mailbox had been polled.
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
		block.append("  API: http://localhost:").append(environment.getProperty("local.server.port", "8080"))
			.append("/api/applications   health: /actuator/health\n");
		EmbeddedMailServer server = embeddedMail.getIfAvailable();
		if (server != null) {
			String to = committee.addresses().stream().map(a -> "--mail-rcpt " + a).collect(Collectors.joining(" "));
			block.append("  Send a test application (one email to the whole committee, with a note attached):\n");
			block.append("    printf 'From: Ana <ana@example.org>\\r\\nTo: ")
				.append(String.join(", ", committee.addresses()))
				.append("\\r\\nSubject: Candidature\\r\\n\\r\\nBonjour, voici notre candidature.\\r\\n' > mail.txt\n");
			block.append("    curl --url smtp://localhost:")
				.append(server.smtpPort())
				.append(" --mail-from ana@example.org ")
				.append(to)
				.append(" --upload-file mail.txt\n");
			block.append("    (or: swaks --server localhost:").append(server.smtpPort())
				.append(" --from ana@example.org --to ").append(String.join(",", committee.addresses()))
				.append(" --attach @note.pdf)\n");
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
