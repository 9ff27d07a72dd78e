package guichet.dedup;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

/**
 * Messages that are never applications and are never acknowledged (RFC 3834):
 * auto-replies and out-of-office notices, delivery-status reports and bounces,
 * mailing-list traffic, and Guichet's own mail coming back. Each gets a reason an admin
 * can read.
 */
public final class NotAnApplication {

	/**
	 * Set on every mail Guichet sends, so that its own mail is recognised when a mailbox
	 * receives it.
	 */
	public static final String GUICHET_HEADER = "X-Guichet";

	private NotAnApplication() {
	}

	/** What kind of mail it is: the code that opens the reason an admin reads. */
	public enum Kind {

		/** Guichet's own acknowledgement or digest, come back. */
		SENT_BY_GUICHET,
		/** A delivery failure. */
		BOUNCE,
		/** An automatic answer: out of office, vacation. */
		AUTO_REPLY,
		/** Bulk or list mail by its Precedence header. */
		BULK_OR_LIST,
		/** Mailing-list traffic. */
		MAILING_LIST;

		/** The reason as stored with the message: this code, then what was seen. */
		public String because(String detail) {
			return name() + ": " + detail;
		}

	}

	/**
	 * @param guichetAddress the address Guichet sends from ({@code guichet.smtp.from})
	 * @return why this message is not an application, or empty when it may be one
	 */
	public static Optional<String> reasonFor(MimeMessage message, Envelope envelope, String guichetAddress) {
		if (Envelope.header(message, GUICHET_HEADER) != null || (guichetAddress != null
				&& guichetAddress.equalsIgnoreCase(envelope.sender() == null ? "" : envelope.sender()))) {
			return Optional.of(Kind.SENT_BY_GUICHET.because("Guichet's own acknowledgement or digest"));
		}
		String contentType = Envelope.header(message, "Content-Type");
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("multipart/report")) {
			return Optional.of(Kind.BOUNCE.because("delivery-status report (multipart/report)"));
		}
		String returnPath = Envelope.header(message, "Return-Path");
		if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
			return Optional.of(Kind.BOUNCE.because("null return path <>"));
		}
		String sender = envelope.sender();
		if (sender != null) {
			String local = sender.substring(0, Math.max(0, sender.indexOf('@')));
			if (local.equals("mailer-daemon") || local.equals("postmaster")) {
				return Optional.of(Kind.BOUNCE.because("sent by " + sender));
			}
		}
		String autoSubmitted = Envelope.header(message, "Auto-Submitted");
		if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
			return Optional.of(Kind.AUTO_REPLY.because("Auto-Submitted: " + clip(autoSubmitted)));
		}
		for (String header : new String[] { "X-Autoreply", "X-Autorespond", "X-Autoresponse" }) {
			if (Envelope.header(message, header) != null) {
				return Optional.of(Kind.AUTO_REPLY.because(header + " header"));
			}
		}
		String precedence = Envelope.header(message, "Precedence");
		if (precedence != null
				&& precedence.strip().toLowerCase(Locale.ROOT).matches("(auto_reply|auto-reply|bulk|list|junk).*")) {
			return Optional
				.of((precedence.toLowerCase(Locale.ROOT).contains("auto") ? Kind.AUTO_REPLY : Kind.BULK_OR_LIST)
					.because("Precedence: " + clip(precedence)));
		}
		if (Envelope.header(message, "List-Id") != null || Envelope.header(message, "List-Unsubscribe") != null) {
			return Optional.of(Kind.MAILING_LIST.because("List-Id or List-Unsubscribe header"));
		}
		if (Envelope.header(message, "X-Mailman-Version") != null || Envelope.header(message, "X-BeenThere") != null) {
			return Optional.of(Kind.MAILING_LIST.because("sent by list software"));
		}
		String listSender = Envelope.header(message, "Sender");
		if (listSender != null && listSender.toLowerCase(Locale.ROOT)
			.matches("(?s).*[-+](bounces?|admin|owner|request)(\\+[^@]*)?@.*")) {
			return Optional.of(Kind.MAILING_LIST.because("Sender " + clip(listSender)));
		}
		String suppress = Envelope.header(message, "X-Auto-Response-Suppress");
		String subject = envelope.subject() == null ? "" : envelope.subject().toLowerCase(Locale.ROOT);
		if (suppress != null && (subject.startsWith("automatic reply") || subject.startsWith("réponse automatique")
				|| subject.startsWith("out of office") || subject.startsWith("absence"))) {
			return Optional.of(Kind.AUTO_REPLY.because("out-of-office notice"));
		}
		return Optional.empty();
	}

	private static String clip(String value) {
		String flat = value.replaceAll("\\s+", " ").strip();
		return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
	}

}
