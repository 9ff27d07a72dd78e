package guichet.dedup;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalisations that make two copies of one submission look alike
 * (docs/COMMITTEE.md, "How copies are merged"): the Message-ID without brackets and with
 * a lower-case domain, and the subject without {@code Re:}, {@code Fwd:}, {@code TR:}
 * prefixes, case or extra spacing.
 */
public final class SubmissionKey {

	private static final Pattern REPLY_PREFIX = Pattern.compile(
			"^\\s*(?:\\[[^\\]]{0,40}\\]\\s*)?(?:re|fw|fwd|tr|trans|aw|wg|sv|vs|antw|réf|ref|rép|rep)\\s*(?:\\[\\d+\\])?\\s*:\\s*",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private SubmissionKey() {
	}

	public static String normaliseMessageId(String raw) {
		if (raw == null) {
			return null;
		}
		String id = raw.strip();
		int open = id.indexOf('<');
		int close = id.lastIndexOf('>');
		if (open >= 0 && close > open) {
			id = id.substring(open + 1, close);
		}
		id = id.strip();
		if (id.isEmpty()) {
			return null;
		}
		int at = id.lastIndexOf('@');
		// the local part is case-sensitive by the RFC; the domain is not
		return at < 0 ? id : id.substring(0, at + 1) + id.substring(at + 1).toLowerCase(Locale.ROOT);
	}

	public static String normaliseSubject(String subject) {
		if (subject == null) {
			return "";
		}
		String key = Normalizer.normalize(subject, Normalizer.Form.NFC).replace('\u00a0', ' ');
		String previous;
		do {
			previous = key;
			key = REPLY_PREFIX.matcher(key).replaceFirst("");
		}
		while (!key.equals(previous));
		return key.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
	}

}
