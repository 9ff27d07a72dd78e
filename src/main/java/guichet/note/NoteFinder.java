package guichet.note;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import guichet.untrusted.MessageValue;

/**
 * Walks a message's MIME tree for the places a note can be: attached files, forwarded
 * messages (whose files and body count as the applicant's), and the body. Files are read
 * into memory up to the size limit; their names are decoded (RFC 2047 and RFC 2231) for
 * display and never touch the file system.
 */
final class NoteFinder {

	/**
	 * Forwarded messages inside forwarded messages: deeper than this is no longer an
	 * applicant's doing.
	 */
	private static final int MAX_DEPTH = 8;

	/**
	 * Files and bodies considered in one message. An application is a note, a few annexes
	 * and a signature's images: a few dozen parts at most. A message of thousands of
	 * parts took its thousandth as the note (issue #17): past this many, the message is
	 * said to have too many parts and no note is taken from it.
	 */
	static final int MAX_PARTS = 100;

	/** Enough of a too large file to tell its type. */
	private static final int HEAD_BYTES = 64 * 1024;

	private final long maxAttachmentSize;

	NoteFinder(long maxAttachmentSize) {
		this.maxAttachmentSize = maxAttachmentSize;
	}

	MessageContents find(MimeMessage message) {
		var walk = new Walk();
		walk.visit(message, 0);
		return new MessageContents(List.copyOf(walk.attachments), walk.plain.toString().strip(),
				walk.html.toString().strip(), walk.parts > MAX_PARTS);
	}

	private final class Walk {

		private final List<Attachment> attachments = new ArrayList<>();

		private final StringBuilder plain = new StringBuilder();

		private final StringBuilder html = new StringBuilder();

		private int parts;

		void visit(Part part, int depth) {
			if (depth > MAX_DEPTH || this.parts > MAX_PARTS) {
				return;
			}
			String type = baseType(part);
			if (!type.startsWith("multipart/") && ++this.parts > MAX_PARTS) {
				return;
			}
			try {
				if (type.startsWith("multipart/")) {
					if (!"multipart/encrypted".equals(type)) {
						visitChildren(part, depth);
					}
				}
				else if ("message/rfc822".equals(type) || "message/global".equals(type)) {
					if (part.getContent() instanceof MimeMessage forwarded) {
						visit(forwarded, depth + 1);
					}
				}
				else if (isBody(part, type)) {
					String text = text(part);
					("text/html".equals(type) ? this.html : this.plain).append(text).append("\n\n");
				}
				else {
					this.attachments.add(attachment(part, type));
				}
			}
			catch (MessagingException | IOException | RuntimeException ex) {
				// a part that cannot be decoded is skipped: the other parts may still
				// hold the note
			}
		}

		private void visitChildren(Part part, int depth) throws MessagingException, IOException {
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					visit(child, depth);
				}
			}
		}

	}

	private static boolean isBody(Part part, String type) throws MessagingException {
		boolean text = "text/plain".equals(type) || "text/html".equals(type);
		return text && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && fileName(part) == null;
	}

	private Attachment attachment(Part part, String type) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return attachment(part, type, in);
		}
		catch (IOException ex) {
			// the transfer encoding is damaged (invalid base64, say): still a file the
			// applicant sent, which the
			// committee must hear about as an unreadable note rather than as no note at
			// all (issue #17)
			return Attachment.damaged(fileName(part), type);
		}
	}

	private Attachment attachment(Part part, String type, InputStream in) throws IOException {
		byte[] head = in.readNBytes((int) Math.min(this.maxAttachmentSize + 1, Integer.MAX_VALUE - 8));
		if (head.length <= this.maxAttachmentSize) {
			return new Attachment(fileName(part), type, head, head.length, false);
		}
		long size = head.length + in.transferTo(OutputStream.nullOutputStream());
		byte[] start = Arrays.copyOf(head, HEAD_BYTES);
		return new Attachment(fileName(part), type, start, size, true);
	}

	/**
	 * The file name, decoded whether the sender used RFC 2231 parameters or RFC 2047
	 * encoded words.
	 */
	static String fileName(Part part) {
		try {
			String name = part.getFileName();
			if (name == null || name.isBlank()) {
				return null;
			}
			try {
				name = MimeUtility.decodeText(name);
			}
			catch (UnsupportedEncodingException ex) {
				// keep the name as sent: it is only shown
			}
			// shown to the committee and stored: a NUL in a file name lost the
			// application (issue #17)
			return MessageValue.FILE_NAME.clean(name);
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	private static String baseType(Part part) {
		try {
			return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
		}
		catch (MessagingException | RuntimeException ex) {
			return "application/octet-stream";
		}
	}

	private static String text(Part part) throws MessagingException, IOException {
		try {
			Object content = part.getContent();
			if (content instanceof String text) {
				return text;
			}
		}
		catch (UnsupportedEncodingException ex) {
			// an unknown charset: read the bytes as Latin-1 below, which never fails
		}
		try (InputStream in = part.getInputStream()) {
			return new String(in.readAllBytes(), charsetOf(part));
		}
	}

	private static Charset charsetOf(Part part) {
		try {
			String charset = new ContentType(part.getContentType()).getParameter("charset");
			return (charset != null) ? Charset.forName(MimeUtility.javaCharset(charset)) : StandardCharsets.ISO_8859_1;
		}
		catch (MessagingException | RuntimeException ex) {
			return StandardCharsets.ISO_8859_1;
		}
	}

}
