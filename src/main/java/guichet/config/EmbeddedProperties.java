package guichet.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import guichet.settings.PortNumber;
import guichet.settings.PositiveDuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The out-of-the-box setup ({@code guichet.embedded.*}): a PostgreSQL server from a Maven artifact when no
 * {@code spring.datasource.url} is set, and a GreenMail server when no mailbox is configured.
 */
@Validated
@ConfigurationProperties("guichet.embedded")
public record EmbeddedProperties(@NotNull @DefaultValue("./data") Path dataDir,
		@DefaultValue("3025") @PortNumber int smtpPort, @DefaultValue("3143") @PortNumber int imapPort,
		@DefaultValue("applications@committee.example") String sharedAddress,
		@NotNull @PositiveDuration @DefaultValue("5s") Duration pollInterval,
		@DefaultValue("guichet") String mailboxPassword) {

	@Override
	public String toString() {
		return "EmbeddedProperties[dataDir=%s, smtpPort=%d, imapPort=%d, sharedAddress=%s]".formatted(dataDir, smtpPort,
				imapPort, sharedAddress);
	}

}
