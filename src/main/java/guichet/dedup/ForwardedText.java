package guichet.dedup;

import java.io.IOException;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.jsoup.Jsoup;

/**
 * The text of a forward: the member's message as text (plain, else HTML as text) to look
 * for a header block in, and the forward rewritten to hold only the forwarded part, so
 * that the note is read from what the applicant wrote.
 */
final class ForwardedText {

	private ForwardedText() {
	}

	/**
	 * The forward with its text replaced by the forwarded part (the member's comment and
	 * the header block removed), its files kept: the note is read from what the applicant
	 * wrote.
	 */
	static MimeMessage withText(MimeMessage forward, String forwardedText) {
		try {
			var copy = new MimeMessage(forward.getSession() != null ? forward.getSession()
					: jakarta.mail.Session.getInstance(new java.util.Properties()));
			var mixed = new MimeMultipart("mixed");
			var text = new MimeBodyPart();
			text.setText(forwardedText, "UTF-8");
			mixed.addBodyPart(text);
			if (forward.isMimeType("multipart/*") && forward.getContent() instanceof Multipart parts) {
				for (int i = 0; i < parts.getCount(); i++) {
					BodyPart part = parts.getBodyPart(i);
					if (isBody(part)) {
						continue;
					}
					mixed.addBodyPart(copyOf(part));
				}
			}
			copy.setContent(mixed);
			copy.setHeader("Content-Type", mixed.getContentType());
			return copy;
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return forward;
		}
	}

	private static BodyPart copyOf(BodyPart part) throws MessagingException {
		if (part instanceof MimeBodyPart mime) {
			try (var in = mime.getRawInputStream()) {
				var headers = new jakarta.mail.internet.InternetHeaders();
				var names = mime.getAllHeaderLines();
				while (names.hasMoreElements()) {
					headers.addHeaderLine(names.nextElement());
				}
				return new MimeBodyPart(headers, in.readAllBytes());
			}
			catch (IOException ex) {
				throw new MessagingException("unreadable part", ex);
			}
		}
		return part;
	}

	/**
	 * The text bodies (and the alternatives holding them) are replaced; files and
	 * forwarded messages are kept.
	 */
	private static boolean isBody(Part part) throws MessagingException {
		if (part.isMimeType("multipart/alternative")) {
			return true;
		}
		boolean text = part.isMimeType("text/plain") || part.isMimeType("text/html");
		return text && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() == null;
	}

	/**
	 * The message's own text: its first text/plain part, else its first text/html part as
	 * text.
	 */
	static String bodyText(Part message) throws MessagingException, IOException {
		String plain = firstText(message, "text/plain", 0);
		if (plain != null) {
			return plain;
		}
		String html = firstText(message, "text/html", 0);
		if (html == null) {
			return null;
		}
		String marked = html.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>|</li>|</h\\d>", "\n");
		return Jsoup.parse(marked).wholeText();
	}

	private static String firstText(Part part, String type, int depth) throws MessagingException, IOException {
		if (depth > 5) {
			return null;
		}
		if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			Object content = part.getContent();
			return content instanceof String text ? text : null;
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < Math.min(multipart.getCount(), 20); i++) {
				String text = firstText(multipart.getBodyPart(i), type, depth + 1);
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

}
