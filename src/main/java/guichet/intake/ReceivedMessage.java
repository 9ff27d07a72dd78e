package guichet.intake;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import guichet.untrusted.IncomingMessage;

/**
 * One message as a mailbox holds it: its bytes exactly as fetched, where it was found,
 * and when the committee's server received it.
 *
 * @param mailbox the label of the mailbox it came from
 * @param location where it is in that mailbox: {@code imap:<uidvalidity>:<uid>} or
 * {@code pop3:<uidl>}
 * @param uidValidity the IMAP UIDVALIDITY, {@code null} for POP3
 * @param uid the IMAP UID, {@code null} for POP3
 * @param raw the message, byte for byte
 * @param reception when and how the receive time was established
 */
public record ReceivedMessage(String mailbox, String location, Long uidValidity, Long uid, byte[] raw,
		ReceptionTime reception) {

	public ReceivedMessage {
		Objects.requireNonNull(mailbox, "mailbox");
		Objects.requireNonNull(location, "location");
		Objects.requireNonNull(raw, "raw");
		Objects.requireNonNull(reception, "reception");
	}

	/**
	 * For reading the headers of a message without INTERNALDATE; a Session looks its
	 * providers up when made.
	 */

	/**
	 * A message as a poll fetched it: received at the server's INTERNALDATE (IMAP), else
	 * at the time its headers say.
	 */
	static ReceivedMessage fetched(String mailbox, String location, Long uidValidity, Long uid, byte[] raw,
			Date internalDate, Instant fetchedAt) {
		ReceptionTime reception;
		if (internalDate != null) {
			reception = new ReceptionTime(internalDate.toInstant(), ReceptionTime.Source.INTERNALDATE);
		}
		else {
			reception = ReceptionTime.fromHeaders(headersOnly(raw), fetchedAt);
		}
		return new ReceivedMessage(mailbox, location, uidValidity, uid, raw, reception);
	}

	/**
	 * A message parsed for its headers (over a shared stream: its body is not copied), or
	 * an empty one for bytes that are not mail.
	 */
	static MimeMessage headersOnly(byte[] raw) {
		return IncomingMessage.parse(raw);
	}

	public static String imapLocation(long uidValidity, long uid) {
		return "imap:" + uidValidity + ":" + uid;
	}

	public static String pop3Location(String uidl) {
		return "pop3:" + uidl;
	}

	/**
	 * The sender's address, lower-cased, or {@code null}: for filters an admin adds to
	 * the intake route ({@code ${body.sender}}).
	 */
	public String sender() {
		try {
			var headers = new jakarta.mail.internet.InternetHeaders(new java.io.ByteArrayInputStream(raw));
			String from = headers.getHeader("From", ",");
			if (from == null) {
				return null;
			}
			var addresses = jakarta.mail.internet.InternetAddress.parseHeader(from, false);
			return addresses.length == 0 || addresses[0].getAddress() == null ? null
					: addresses[0].getAddress().toLowerCase(java.util.Locale.ROOT);
		}
		catch (jakarta.mail.MessagingException | RuntimeException ex) {
			return null;
		}
	}

	public Instant receivedAt() {
		return reception.instant();
	}

	@Override
	public String toString() {
		return "ReceivedMessage[%s %s, %d bytes]".formatted(mailbox, location, raw.length);
	}

}
