package guichet.intake;

/**
 * A mailbox could not be read this time; the next poll tries again, and its health says
 * why meanwhile.
 */
public class MailboxUnavailableException extends RuntimeException {

	public MailboxUnavailableException(String mailbox, Throwable cause) {
		super("Mailbox " + mailbox + " could not be read: " + MessageLedger.describe(cause), cause);
	}

}
