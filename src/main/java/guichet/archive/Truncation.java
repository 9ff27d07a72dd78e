package guichet.archive;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an archived message is whole: an archive cut off (a full disk, a copy
 * interrupted) ends in a message whose headers never end or whose MIME parts never close,
 * and filing that would judge an application on half of it.
 */
final class Truncation {

	private static final Pattern BOUNDARY = Pattern.compile("(?is)boundary\\s*=\\s*\"?([^\";\\r\\n]+)\"?");

	private Truncation() {
	}

	/**
	 * Why these bytes are not a whole message, or null: headers never end, or MIME parts
	 * never close.
	 */
	static String of(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int headersEnd = text.indexOf("\n\n");
		int crlfEnd = text.indexOf("\r\n\r\n");
		if (headersEnd < 0 && crlfEnd < 0) {
			return text.isBlank() ? "empty: not a message" : "truncated: its headers never end";
		}
		int end = headersEnd < 0 ? crlfEnd : crlfEnd < 0 ? headersEnd : Math.min(headersEnd, crlfEnd);
		String headers = text.substring(0, end);
		if (!headers.contains(":")) {
			return "not a message: no header";
		}
		Matcher boundary = BOUNDARY.matcher(headers);
		if (headers.toLowerCase(Locale.ROOT).contains("multipart/") && boundary.find()
				&& !text.contains("--" + boundary.group(1).strip() + "--")) {
			return "truncated: its MIME parts never close (no closing boundary)";
		}
		return null;
	}

}
