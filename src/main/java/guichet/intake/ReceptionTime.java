package guichet.intake;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;

/**
 * When the committee's server received a message (CONTRACT §3 {@code receivedAt}): the
 * IMAP internal date, else the topmost {@code Received:} header, and the sender's
 * {@code Date:} only as a last resort, marked as such because the sender's clock is not
 * to be trusted for a deadline.
 */
public record ReceptionTime(Instant instant, Source source) {

	public enum Source {

		/** IMAP INTERNALDATE: set by the receiving server. */
		INTERNALDATE,
		/** The topmost Received: header: added by the last server on the way in. */
		RECEIVED_HEADER,
		/** The sender's Date: header: untrusted, used only when nothing better exists. */
		DATE_HEADER,
		/** Nothing in the message said when: the time Guichet fetched it. */
		FETCH_TIME,
		/**
		 * The topmost Received: header of a message imported from an archive
		 * ({@code java -jar guichet.jar import}): also how an application shows that it
		 * came from an import.
		 */
		ARCHIVE_RECEIVED_HEADER

	}

	public static ReceptionTime of(Date internalDate, MimeMessage message, Instant fetchedAt) {
		if (internalDate != null) {
			return new ReceptionTime(internalDate.toInstant(), Source.INTERNALDATE);
		}
		return fromHeaders(message, fetchedAt);
	}

	/**
	 * For POP3 and for messages read from files: the receiving server's Received: stamp,
	 * else Date:.
	 */
	public static ReceptionTime fromHeaders(MimeMessage message, Instant fetchedAt) {
		Optional<Instant> received = topmostReceived(message);
		if (received.isPresent()) {
			return new ReceptionTime(received.get(), Source.RECEIVED_HEADER);
		}
		try {
			Date sent = message.getSentDate();
			if (sent != null) {
				return new ReceptionTime(sent.toInstant(), Source.DATE_HEADER);
			}
		}
		catch (MessagingException | RuntimeException ex) {
			// an unparsable Date: is no date at all
		}
		return new ReceptionTime(fetchedAt, Source.FETCH_TIME);
	}

	public static Optional<Instant> topmostReceived(MimeMessage message) {
		try {
			String[] received = message.getHeader("Received");
			if (received == null || received.length == 0) {
				return Optional.empty();
			}
			String topmost = received[0];
			int semicolon = topmost.lastIndexOf(';');
			if (semicolon < 0) {
				return Optional.empty();
			}
			return parseDate(topmost.substring(semicolon + 1).trim().replaceAll("\\s+", " "));
		}
		catch (MessagingException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * RFC 5322 dates, and the {@code Date.toString()} form some servers (GreenMail among
	 * them) stamp.
	 */
	static Optional<Instant> parseDate(String text) {
		try {
			return Optional.ofNullable(new MailDateFormat().parse(text)).map(Date::toInstant);
		}
		catch (java.text.ParseException | RuntimeException ex) {
			try {
				return Optional.of(
						java.time.ZonedDateTime
							.parse(text,
									java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy",
											java.util.Locale.US))
							.toInstant());
			}
			catch (java.time.format.DateTimeParseException again) {
				return Optional.empty();
			}
		}
	}

}
