package guichet.application;

import java.time.Instant;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import guichet.dedup.Envelope;
import guichet.untrusted.IncomingMessage;

/**
 * What one message submits: the message the note is read from, who the applicant is, when
 * the committee got it, to whom it was sent and, for a member's forward, who forwarded it
 * (issue #17). {@link Admission} makes it from a received message.
 *
 * @param receivedAt the time the deadline is judged on: the server's, or the time a
 * member's forward states
 * @param receivedAtSource where that time comes from: a {@code ReceptionTime.Source}, or
 * {@link #FORWARD_STATED}
 * @param recipients the committee addresses it reached: To, Cc, and where the copies
 * arrived
 * @param applicantConfirmed whether the applicant's address is certain enough to
 * acknowledge
 */
record Submitted(MimeMessage mime, Envelope envelope, Instant receivedAt, String receivedAtSource,
		List<String> recipients, String forwardedBy, Instant forwardReceivedAt, boolean applicantConfirmed) {

	/** The receive time is the one a member's forward states (issue #17). */
	static final String FORWARD_STATED = "FORWARD_STATED";

	boolean isForward() {
		return forwardedBy != null;
	}

	/**
	 * A message's bytes as MIME, parsed over the bytes themselves (a shared stream): the
	 * body is not copied, its parts are read in place. {@code null} for bytes that are
	 * not readable as mail.
	 */
	static MimeMessage parse(byte[] raw) {
		try {
			MimeMessage message = IncomingMessage.parseOrThrow(raw);
			message.getAllHeaders();
			return message;
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The envelope of a message, or an empty one for bytes that are not readable as mail.
	 */
	static Envelope envelopeOf(MimeMessage mime) {
		return mime == null ? Envelope.empty() : Envelope.of(mime);
	}

}
