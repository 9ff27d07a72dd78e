package guichet.outbox;

import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import guichet.oauth2.MailAuth;
import guichet.oauth2.MailSignIn;
import guichet.oauth2.OAuth2Possible;
import guichet.settings.PortNumber;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Guichet sends its mail ({@code guichet.smtp.*}, CONTRACT §2): acknowledgements
 * and digests. The default is the embedded mail server. {@code from} is also how Guichet
 * recognises its own mail coming back.
 */
@Validated
@OAuth2Possible
@ConfigurationProperties(prefix = "guichet.smtp", ignoreUnknownFields = false)
public record SmtpProperties(@NotBlank @DefaultValue("localhost") String host,
		@PortNumber @DefaultValue("3025") int port, String username, String password,
		@NotBlank @Email(
				regexp = "[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+") @DefaultValue("guichet@committee.example") String from,
		@NotNull @DefaultValue("PASSWORD") MailAuth auth, String registration) implements MailSignIn {

	/** An SMTP server taking a password, or none (tests). */
	public SmtpProperties(String host, int port, String username, String password, String from) {
		this(host, port, username, password, from, MailAuth.PASSWORD, null);
	}

	@ConstructorBinding
	public SmtpProperties {
	}

	public boolean hasCredentials() {
		return username != null && !username.isBlank();
	}

	public boolean usesOAuth2() {
		return auth == MailAuth.OAUTH2;
	}

	/** Guichet's address, lower-cased, for comparisons. */
	public String address() {
		return from.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * A Message-ID (without angle brackets) in Guichet's own domain, so that it is unique
	 * world-wide.
	 */
	public String messageId(String local) {
		return local + "@" + address().substring(address().indexOf('@') + 1);
	}

	@Override
	public String toString() {
		return "SmtpProperties[host=%s, port=%d, username=%s, password=%s, from=%s, auth=%s, registration=%s]"
			.formatted(host, port, username, password == null ? null : "***", from, auth, registration);
	}

}
