package guichet.intake;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import guichet.settings.InvalidSettingException;
import guichet.intake.MailboxProperties.AfterProcessing;
import guichet.intake.MailboxProperties.Mailbox;
import guichet.intake.MailboxProperties.Protocol;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MailboxRoutesTests {

	@Test
	void refusesToMarkMessagesSeenInAPop3Mailbox() {
		var imap = mailbox(Protocol.IMAPS, AfterProcessing.MOVE);
		var pop3 = mailbox(Protocol.POP3, AfterProcessing.MARK_SEEN);

		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new MailboxRoutes(new Mailboxes(List.of(imap, pop3), false), new RouteReloadHealth(false),
					false, "routes", "*.camel.yaml"))
			.withMessage("Invalid setting guichet.mailboxes[1].after-processing = \"MARK_SEEN\": "
					+ "is not possible with pop3 (POP3 has no flags or folders): use KEEP or DELETE");
	}

	private static Mailbox mailbox(Protocol protocol, AfterProcessing afterProcessing) {
		return new Mailbox(null, protocol, "mail.example.org", null, "shared", "secret", "INBOX", Duration.ofMinutes(1),
				afterProcessing, "Guichet/Processed");
	}

}
