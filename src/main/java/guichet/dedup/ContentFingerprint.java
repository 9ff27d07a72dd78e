package guichet.dedup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;

/**
 * What a submission says, as a hash: the SHA-256 of each attachment's bytes, or, when
 * there is none, of the body text without case or spacing. Four separately sent copies of
 * one application share it; a corrected note does not.
 */
public final class ContentFingerprint {

	private static final int MAX_PARTS = 500;

	private static final int MAX_DEPTH = 20;

	private ContentFingerprint() {
	}

	public static String of(MimeMessage message, byte[] raw) {
		try {
			List<String> attachmentHashes = new ArrayList<>();
			StringBuilder plain = new StringBuilder();
			StringBuilder html = new StringBuilder();
			walk(message, 0, new int[] { 0 }, attachmentHashes, plain, html);
			if (!attachmentHashes.isEmpty()) {
				attachmentHashes.sort(null);
				return "attachments:" + sha256(String.join(",", attachmentHashes).getBytes(StandardCharsets.US_ASCII));
			}
			String body = plain.length() > 0 ? plain.toString() : Jsoup.parse(html.toString()).text();
			String normalised = body.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
			if (!normalised.isEmpty()) {
				return "body:" + sha256(normalised.getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (Exception | StackOverflowError ex) {
			// a message too broken to walk is still one distinct content: its bytes
		}
		return "raw:" + sha256(raw);
	}

	private static void walk(Part part, int depth, int[] count, List<String> attachments, StringBuilder plain,
			StringBuilder html) throws Exception {
		if (depth > MAX_DEPTH || ++count[0] > MAX_PARTS) {
			return;
		}
		if (part.isMimeType("multipart/*")) {
			Object content = part.getContent();
			if (content instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					walk(child, depth + 1, count, attachments, plain, html);
				}
			}
			return;
		}
		if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part inner) {
			walk(inner, depth + 1, count, attachments, plain, html);
			return;
		}
		boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
		if (attachment) {
			attachments.add(sha256(bytesOf(part)));
		}
		else if (part.isMimeType("text/plain")) {
			plain.append(part.getContent()).append('\n');
		}
		else if (part.isMimeType("text/html")) {
			html.append(part.getContent()).append('\n');
		}
	}

	private static byte[] bytesOf(Part part) throws Exception {
		try (InputStream in = part.getInputStream()) {
			var out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			// badly encoded content: fall back to the bytes as transmitted
			if (part instanceof jakarta.mail.internet.MimeBodyPart mimePart) {
				try (InputStream in = mimePart.getRawInputStream()) {
					return in.readAllBytes();
				}
			}
			throw ex;
		}
	}

	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
