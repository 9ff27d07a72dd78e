package guichet.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import guichet.settings.CronSchedule;
import guichet.settings.PortNumber;
import guichet.settings.PositiveDuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.validation.annotation.Validated;

/**
 * The out-of-the-box setup ({@code guichet.embedded.*}): a PostgreSQL server from a Maven
 * artifact when no {@code spring.datasource.url} is set, and a GreenMail server when no
 * mailbox is configured.
 */
@Validated
@ConfigurationProperties(prefix = "guichet.embedded", ignoreUnknownFields = false)
public record EmbeddedProperties(@NotNull @DefaultValue("./data") Path dataDir,
		@DefaultValue("3025") @PortNumber int smtpPort, @DefaultValue("3143") @PortNumber int imapPort,
		@DefaultValue("applications@committee.example") String sharedAddress,
		@NotNull @PositiveDuration @DefaultValue("5s") Duration pollInterval,
		@DefaultValue("guichet") String mailboxPassword, @DefaultValue("true") boolean durable,
		@Valid @NotNull @DefaultValue Backup backup) {

	/**
	 * Scheduled backups of the embedded database ({@code guichet.embedded.backup.*}):
	 * when (a cron of six fields read in the call's timezone, {@code -} for never), how
	 * many to keep, and where.
	 */
	public record Backup(@NotBlank @CronSchedule @DefaultValue("0 30 3 * * *") String cron,
			@Min(1) @DefaultValue("7") int keep, @NotNull @DefaultValue("./backups") Path directory) {

		public boolean scheduled() {
			return !Scheduled.CRON_DISABLED.equals(this.cron);
		}

	}

	@Override
	public String toString() {
		return "EmbeddedProperties[dataDir=%s, smtpPort=%d, imapPort=%d, sharedAddress=%s, durable=%s, backup=%s]"
			.formatted(dataDir, smtpPort, imapPort, sharedAddress, durable, backup);
	}

}
