package guichet.intake;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Questions an admin's route may ask about who sent a message, so that a condition in
 * {@code routes/} is a named question ({@code senders.isAnyOf(${body},
 * 'tester@example.org')}) rather than a comparison written in Camel's expression
 * language. Addresses compare as the intake compares them: case aside, surrounding spaces
 * aside.
 */
@Component("senders")
public class Senders {

	/**
	 * Whether the message's sender is one of these addresses.
	 * @param addresses one address, or several separated by commas
	 */
	public boolean isAnyOf(ReceivedMessage message, String addresses) {
		String sender = message.sender();
		return sender != null && Arrays.stream(addresses.split(","))
			.map(address -> address.strip().toLowerCase(Locale.ROOT))
			.anyMatch(sender::equals);
	}

}
