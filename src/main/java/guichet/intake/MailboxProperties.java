package guichet.intake;

import java.time.Duration;
import java.util.List;

import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import guichet.oauth2.MailAuth;
import guichet.oauth2.MailSignIn;
import guichet.oauth2.OAuth2Possible;
import guichet.settings.PositiveDuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The mailboxes Guichet polls ({@code guichet.mailboxes[i]}); none configured means the
 * embedded mail server's. Also the intake's batch limits ({@code guichet.intake.*}).
 */
@Validated
@ConfigurationProperties("guichet")
public record MailboxProperties(@Valid List<Mailbox> mailboxes) {

	public MailboxProperties {
		mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
	}

	public enum Protocol {

		IMAP, IMAPS, POP3, POP3S;

		boolean isImap() {
			return this == IMAP || this == IMAPS;
		}

		boolean isSecure() {
			return this == IMAPS || this == POP3S;
		}

		int defaultPort() {
			return switch (this) {
				case IMAP -> 143;
				case IMAPS -> 993;
				case POP3 -> 110;
				case POP3S -> 995;
			};
		}

		/**
		 * POP3 has no flags and no folders: only KEEP and DELETE mean something there.
		 */
		boolean allows(AfterProcessing afterProcessing) {
			return isImap() || afterProcessing == AfterProcessing.KEEP || afterProcessing == AfterProcessing.DELETE;
		}

		/** The Jakarta Mail store name. */
		String store() {
			return name().toLowerCase();
		}

	}

	/** What Guichet does to a message in the mailbox once it is stored (CONTRACT §2). */
	public enum AfterProcessing {

		/** Touch nothing: a committee member's own mailbox. */
		KEEP, MARK_SEEN, MOVE, DELETE

	}

	@AfterProcessingPossible
	@OAuth2Possible
	public record Mailbox(String name, @NotNull @DefaultValue("IMAPS") Protocol protocol,
			@NotBlank(message = "every mailbox needs a host, such as imap.example.org") String host,
			@Positive Integer port, String username, String password, @NotBlank @DefaultValue("INBOX") String folder,
			@NotNull @PositiveDuration @DefaultValue("60s") Duration pollInterval,
			@NotNull @DefaultValue("KEEP") AfterProcessing afterProcessing,
			@NotBlank @DefaultValue("Guichet/Processed") String moveTo,
			@Email(regexp = "[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+") String member,
			@NotNull @DefaultValue("PASSWORD") MailAuth auth, String registration) implements MailSignIn {

		/**
		 * @param member the committee member whose mailbox this is: a copy found here
		 * proves the member received it (issue #17: an application sent in Bcc). Unset,
		 * the committee member whose address is the user name.
		 */
		@ConstructorBinding
		public Mailbox {
			if (name == null || name.isBlank()) {
				name = (username == null || username.isBlank() ? "" : username + "@") + host;
			}
			member = (member == null || member.isBlank()) ? null : member.strip().toLowerCase(Locale.ROOT);
		}

		public Mailbox(String name, Protocol protocol, String host, Integer port, String username, String password,
				String folder, Duration pollInterval, AfterProcessing afterProcessing, String moveTo) {
			this(name, protocol, host, port, username, password, folder, pollInterval, afterProcessing, moveTo, null);
		}

		/**
		 * A mailbox signing in with its password, as before OAuth2 (tests, the embedded
		 * mail server).
		 */
		public Mailbox(String name, Protocol protocol, String host, Integer port, String username, String password,
				String folder, Duration pollInterval, AfterProcessing afterProcessing, String moveTo, String member) {
			this(name, protocol, host, port, username, password, folder, pollInterval, afterProcessing, moveTo, member,
					MailAuth.PASSWORD, null);
		}

		/**
		 * Whose mailbox this is, among the committee's addresses: the configured member,
		 * else the member whose address is the user name, else nobody (a shared mailbox).
		 */
		public String memberAmong(List<String> committee) {
			if (member != null) {
				return member;
			}
			String user = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
			return committee.contains(user) ? user : null;
		}

		public int effectivePort() {
			return port != null ? port : protocol.defaultPort();
		}

		/**
		 * A route id and log label that an admin recognises and that is safe in a URI.
		 */
		public String routeId() {
			return "mailbox-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
		}

		public boolean usesOAuth2() {
			return auth == MailAuth.OAUTH2;
		}

		@Override
		public String toString() {
			return "Mailbox[%s %s://%s@%s:%d/%s every %s, %s%s]".formatted(name, protocol.store(), username, host,
					effectivePort(), folder, pollInterval, afterProcessing,
					usesOAuth2() ? ", oauth2 " + registration : "");
		}

	}

}
