package guichet.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import guichet.dedup.NotAnApplication;

/**
 * A message Guichet writes: its Message-ID is chosen by us (so that a resend is
 * recognisable as the same mail) and it carries {@code X-Guichet} and
 * {@code Auto-Submitted}, so that neither Guichet nor a well-behaved auto-responder
 * answers it (RFC 3834).
 */
public final class OutgoingMessage extends MimeMessage {

	private static final Session COMPOSING_SESSION = Session.getInstance(new Properties());

	private final String messageId;

	/**
	 * @param messageId without angle brackets
	 * @param guichetHeader the value of {@code X-Guichet}: what kind of mail this is
	 * @param autoSubmitted {@code auto-replied} for an answer to a person's mail,
	 * {@code auto-generated} otherwise
	 */
	public OutgoingMessage(String messageId, String guichetHeader, String autoSubmitted) throws MessagingException {
		super(COMPOSING_SESSION);
		this.messageId = messageId;
		setHeader(NotAnApplication.GUICHET_HEADER, guichetHeader);
		setHeader("Auto-Submitted", autoSubmitted);
	}

	@Override
	protected void updateMessageID() throws MessagingException {
		setHeader("Message-ID", "<" + messageId + ">");
	}

	/** The complete message, as it will be stored and sent. */
	public byte[] toBytes() {
		try {
			saveChanges();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			writeTo(bytes);
			return bytes.toByteArray();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Could not write the message " + messageId, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
