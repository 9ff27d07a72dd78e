package guichet.outbox;

import java.util.List;

/**
 * A mail Guichet will send, complete: the stored bytes are what goes over SMTP, on the
 * first attempt and on every retry.
 *
 * @param kind what it is, for admins and for the acknowledgement loop guard
 * @param cause what it answers (a submission id, a digest id): one mail per cause
 * @param messageId its Message-ID, without angle brackets, fixed before the first attempt
 * @param recipients the SMTP recipients, lower-cased
 * @param mime the complete message, headers and body
 */
public record OutgoingMail(Kind kind, String cause, String messageId, String sender, List<String> recipients,
		String subject, byte[] mime) {

	public enum Kind {

		ACKNOWLEDGEMENT, DIGEST

	}

}
