package guichet.untrusted;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Every value Guichet takes from a message, bounded and cleaned in one place before it is
 * compared, stored or shown (issue #17; the limits and the identity audit are in
 * docs/RELIABILITY.md): a sender chooses every byte of a message, so no value from it may
 * reach PostgreSQL, an index, a header of Guichet's own mail or a page unbounded or with
 * control characters.
 * <p>
 * Each field has a limit and a reason for it. Two kinds of limit:
 * <ul>
 * <li>values shown to people (names, subjects, file names, reasons) are cut, and say how
 * long they were;</li>
 * <li>values used as identity (addresses, Message-IDs) are never cut into a value another
 * sender could share: an over-long one becomes its beginning plus a hash of the whole, so
 * two different values stay different.</li>
 * </ul>
 * Cleaning removes NUL and the other C0 and C1 control characters and DEL (single-line
 * fields turn every run of whitespace, CR and LF included, into one space, so an
 * applicant's line break never reaches a header or a greeting), replaces unpaired
 * surrogates, and removes the bidirectional embedding, override and isolate characters
 * (U+202A–U+202E, U+2066–U+2069) that would make a name or file name read differently
 * from what it is. Text is NFC normalised, so that the same words typed on two systems
 * compare equal.
 */
public enum MessageValue {

	ADDRESS(320, Kind.IDENTITY, "RFC 5321 §4.5.3.1: a local part of 64 octets, \"@\", a domain of 255"),
	DISPLAY_NAME(200, Kind.SHOWN,
			"real names with an organisation run to about 100 characters; 200 leaves room and fits a greeting line"),
	SUBJECT(500, Kind.SHOWN,
			"subjects are one line in every mail client (about 80 characters): 500 keeps any real "
					+ "one whole; the subject key, in a unique index, is bounded apart (200 characters, then a hash)"),
	MESSAGE_ID(250, Kind.IDENTITY,
			"real Message-IDs are under 100 characters; 250 keeps any real one whole, far under btree's 2,700 bytes"),
	FILE_NAME(255, Kind.SHOWN, "the longest file name ext4, NTFS and APFS accept: no real file name is longer"),
	MEDIA_TYPE(255, Kind.SHOWN, "RFC 6838 §4.2: a type and a subtype of at most 127 characters each"),
	ORGANISATION(150, Kind.SHOWN,
			"an organisation's name read from a note or a signature: the reader takes none over 120 characters "
					+ "(a sentence, not a name); 150 is the backstop"),
	REASON(2000, Kind.SHOWN, "a reason for an admin may quote an exception about the message: a paragraph is enough"),
	TEXT(Integer.MAX_VALUE, Kind.MULTI_LINE,
			"a note's or a reply's text: bounded by guichet.limits.max-text-characters, only cleaned here");

	/**
	 * At most this many addresses are read from To and Cc: a mail to the committee names
	 * a handful.
	 */
	public static final int MAX_RECIPIENTS = 200;

	/**
	 * At most this many Message-IDs are read from References and In-Reply-To: threads are
	 * rarely deeper.
	 */
	public static final int MAX_REFERENCES = 50;

	/**
	 * The subject key's length before it is replaced by a prefix and a hash: it is in a
	 * unique btree index.
	 */
	public static final int MAX_KEY = 200;

	private enum Kind {

		IDENTITY, SHOWN, MULTI_LINE

	}

	private final int limit;

	private final Kind kind;

	private final String reason;

	MessageValue(int limit, Kind kind, String reason) {
		this.limit = limit;
		this.kind = kind;
		this.reason = reason;
	}

	public int limit() {
		return limit;
	}

	/** Why the limit is what it is (docs/RELIABILITY.md shows it). */
	public String reason() {
		return reason;
	}

	/**
	 * How an over-long value is bounded: cut and its length said, or its beginning and a
	 * hash of the whole.
	 */
	public String bounding() {
		return switch (kind) {
			case IDENTITY -> "beginning + SHA-256 of the whole (stays distinct)";
			case SHOWN -> "cut, \"… [N characters]\" added";
			case MULTI_LINE -> "line breaks and tabs kept";
		};
	}

	/**
	 * The value cleaned and bounded for this field; {@code null} stays {@code null}, and
	 * a value with nothing left is {@code null} too for single-line fields.
	 */
	public String clean(String raw) {
		if (raw == null) {
			return null;
		}
		String text = withoutControls(raw, kind == Kind.MULTI_LINE);
		if (kind != Kind.MULTI_LINE) {
			text = text.strip();
			if (text.isEmpty()) {
				return null;
			}
		}
		text = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
				: Normalizer.normalize(text, Normalizer.Form.NFC);
		if (text.codePointCount(0, text.length()) <= limit) {
			return text;
		}
		return kind == Kind.IDENTITY ? boundedKey(text, limit) : cut(text, limit);
	}

	/** An address for comparisons: cleaned, without angle brackets, lower-cased. */
	public static String address(String raw) {
		String address = ADDRESS.clean(raw);
		if (address == null) {
			return null;
		}
		if (address.startsWith("<") && address.endsWith(">")) {
			address = address.substring(1, address.length() - 1).strip();
		}
		return address.isEmpty() ? null : address.toLowerCase(Locale.ROOT);
	}

	/**
	 * A key for an index: the value itself when it has at most {@code max} characters,
	 * else its beginning and the SHA-256 of the whole, so that two long values that
	 * differ anywhere still differ.
	 */
	public static String boundedKey(String value, int max) {
		if (value == null || value.length() <= max) {
			return value;
		}
		String hash = sha256(value);
		int keep = Math.max(0, max - hash.length() - 2);
		if (keep > 0 && Character.isHighSurrogate(value.charAt(keep - 1))) {
			keep--;
		}
		return value.substring(0, keep) + "#" + hash;
	}

	private static String cut(String text, int limit) {
		int total = text.codePointCount(0, text.length());
		String suffix = "… [" + total + " characters]";
		int keep = text.offsetByCodePoints(0, Math.max(0, limit - suffix.length()));
		return text.substring(0, keep).strip() + suffix;
	}

	/**
	 * Control characters out: single-line, every run of whitespace and controls becomes
	 * one space; multi-line, tabs and line feeds stay (CR LF and CR become LF), the rest
	 * goes.
	 */
	static String withoutControls(String raw, boolean multiLine) {
		StringBuilder out = null;
		boolean space = false;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			String replacement = null;
			boolean drop = false;
			if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
				if (out != null) {
					out.append(c).append(raw.charAt(i + 1));
				}
				i++;
				space = false;
				continue;
			}
			if (c == ' ' && !multiLine && !space) {
				if (out != null) {
					out.append(c);
				}
				space = true;
				continue;
			}
			if (Character.isSurrogate(c)) {
				replacement = "\uFFFD";
			}
			else if (isBidiControl(c)) {
				drop = true;
			}
			else if (multiLine) {
				if (c == '\r') {
					replacement = (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') ? "" : "\n";
				}
				else if (c == '\u2028' || c == '\u2029') {
					replacement = "\n";
				}
				else if (c != '\n' && c != '\t' && isControl(c)) {
					drop = true;
				}
			}
			else if (isControl(c) || Character.isWhitespace(c) || c == '\u00a0' || c == '\u2028' || c == '\u2029') {
				replacement = space ? "" : " ";
			}
			if (replacement == null && !drop) {
				if (out != null) {
					out.append(c);
				}
				space = false;
				continue;
			}
			if (out == null) {
				out = new StringBuilder(raw.length());
				out.append(raw, 0, i);
			}
			if (replacement != null) {
				out.append(replacement);
				space = replacement.equals(" ") || (space && replacement.isEmpty());
			}
		}
		return out == null ? raw : out.toString();
	}

	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f);
	}

	/**
	 * Embeddings, overrides and isolates: they change the order in which the rest of the
	 * text is displayed.
	 */
	static boolean isBidiControl(char c) {
		return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
	}

	static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
