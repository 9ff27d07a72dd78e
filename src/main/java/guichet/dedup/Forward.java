package guichet.dedup;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;

/**
 * A message a committee member forwarded (issue #17): who originally sent it, when the
 * member got it, about what, and the message to read the note from. Members forward
 * applications they received at their own address, as an attached message
 * ({@code message/rfc822}) or inline, under the header block their mail client writes.
 * The shapes read are listed in docs/FORWARDS.md; anything else is not a forward. An
 * inline forward's header block is read by {@link ForwardedBlock}, its stated time by
 * {@link StatedTime}, and its text by {@link ForwardedText}.
 *
 * @param sender the original sender's address, lower-cased
 * @param senderName the original sender's display name, or {@code null}
 * @param confirmed whether the sender's address was read unambiguously (exactly one
 * address on the From line, or the attached message's From header): only then is the
 * applicant acknowledged
 * @param subject the original subject
 * @param messageId the original Message-ID (attached forwards only), or {@code null}
 * @param recipients the original To and Cc addresses
 * @param statedAt when the member's copy says it was received or sent, or {@code null}
 * when it says nothing readable
 * @param message the message to read the note from: the attached message, or the forward
 * with its text cut to the forwarded part
 * @param shape which shape was recognised, for the admin
 */
public record Forward(String sender, String senderName, boolean confirmed, String subject, String messageId,
		List<String> recipients, Instant statedAt, MimeMessage message, String shape) {

	/**
	 * The forward in a message, if it is one: first an attached message, then an inline
	 * header block in the text.
	 * @param zone the zone of a stated time that gives none (the call's)
	 */
	public static Optional<Forward> in(MimeMessage message, ZoneId zone) {
		try {
			Optional<Forward> attached = attached(message);
			if (attached.isPresent()) {
				return attached;
			}
			String text = ForwardedText.bodyText(message);
			return text == null ? Optional.empty() : ForwardedBlock.in(message, text, zone);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Forward> attached(MimeMessage message) throws MessagingException, IOException {
		if (!message.isMimeType("multipart/*") || !(message.getContent() instanceof Multipart multipart)) {
			return Optional.empty();
		}
		for (int i = 0; i < Math.min(multipart.getCount(), 50); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if ((part.isMimeType("message/rfc822") || part.isMimeType("message/global"))
					&& part.getContent() instanceof MimeMessage inner) {
				Envelope original = Envelope.of(inner);
				if (!original.hasSender()) {
					continue;
				}
				Instant stated = original.sentAt();
				Optional<Instant> received = topmostReceived(inner);
				return Optional.of(new Forward(original.sender(), original.senderName(), true, original.subject(),
						original.messageId(), original.recipients(), received.orElse(stated), inner,
						"attached message"));
			}
		}
		return Optional.empty();
	}

	/**
	 * The topmost Received: of the attached message: the member's own server stamped it.
	 */
	private static Optional<Instant> topmostReceived(MimeMessage message) {
		try {
			String[] received = message.getHeader("Received");
			if (received == null || received.length == 0) {
				return Optional.empty();
			}
			int semicolon = received[0].lastIndexOf(';');
			if (semicolon < 0) {
				return Optional.empty();
			}
			Date date = new MailDateFormat().parse(received[0].substring(semicolon + 1).strip());
			return Optional.ofNullable(date).map(Date::toInstant);
		}
		catch (MessagingException | java.text.ParseException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
