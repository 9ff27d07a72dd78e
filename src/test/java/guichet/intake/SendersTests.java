package guichet.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The question the admin guide's example asks in a route: is this message from one of
 * these addresses?
 */
class SendersTests {

	private final Senders senders = new Senders();

	@Test
	void recognisesTheSenderWhateverTheCaseAndTheSpacesAroundTheAddresses() {
		var message = from("Tester <Tester@Example.org>");

		assertThat(senders.isAnyOf(message, "someone@example.org, tester@example.org ")).isTrue();
	}

	@Test
	void answersNoForAnotherSenderAndForAMessageWithoutOne() {
		assertThat(senders.isAnyOf(from("real@example.org"), "tester@example.org")).isFalse();
		assertThat(senders.isAnyOf(from(null), "tester@example.org")).isFalse();
	}

	private static ReceivedMessage from(String from) {
		String raw = (from == null ? "" : "From: " + from + "\r\n") + "Subject: Candidature\r\n\r\nBonjour\r\n";
		return new ReceivedMessage("alice", "imap:1:1", null, null, raw.getBytes(StandardCharsets.UTF_8),
				new ReceptionTime(Instant.parse("2019-12-18T09:30:00Z"), ReceptionTime.Source.FETCH_TIME));
	}

}
