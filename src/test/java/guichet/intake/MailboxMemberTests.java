package guichet.intake;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import guichet.intake.MailboxProperties.AfterProcessing;
import guichet.intake.MailboxProperties.Mailbox;
import guichet.intake.MailboxProperties.Protocol;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #17: whose mailbox a copy was found in, for applications sent in Bcc. */
class MailboxMemberTests {

	static final List<String> COMMITTEE = List.of("odile.chagny@ires.fr", "idoreste@etuc.org");

	@Test
	void aMailboxWhoseUserNameIsAMembersAddressIsThatMembers() {
		assertThat(mailbox("Odile.Chagny@ires.fr", null).memberAmong(COMMITTEE)).isEqualTo("odile.chagny@ires.fr");
	}

	@Test
	void theConfiguredMemberWinsOverTheUserName() {
		assertThat(mailbox("ochagny", "Odile.Chagny@IRES.fr").memberAmong(COMMITTEE)).isEqualTo("odile.chagny@ires.fr");
	}

	@Test
	void aSharedMailboxIsNobodys() {
		assertThat(mailbox("applications@committee.example", null).memberAmong(COMMITTEE)).isNull();
	}

	private static Mailbox mailbox(String username, String member) {
		return new Mailbox(null, Protocol.IMAPS, "imap.example.org", null, username, "secret", "INBOX",
				Duration.ofMinutes(1), AfterProcessing.KEEP, "Guichet/Processed", member);
	}

}
