package guichet.desk;

import java.text.Normalizer;

/**
 * A file name an applicant chose, made safe to hand to a browser: no path, no control or
 * direction-changing characters (an RTL override can make "note\u202Efdp.exe" look like a
 * PDF), no leading dots, bounded length.
 */
final class SafeFileName {

	private static final int MAX_LENGTH = 120;

	private SafeFileName() {
	}

	static String of(String name, String fallback) {
		if (name == null) {
			return fallback;
		}
		String clean = Normalizer.normalize(name, Normalizer.Form.NFC)
			.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "")
			.replaceAll("[/\\\\:*?\"<>|]", "_")
			.strip()
			.replaceAll("^[.\\s]+", "");
		if (clean.isEmpty()) {
			return fallback;
		}
		if (clean.length() > MAX_LENGTH) {
			int dot = clean.lastIndexOf('.');
			String extension = dot > 0 && clean.length() - dot <= 10 ? clean.substring(dot) : "";
			clean = clean.substring(0, MAX_LENGTH - extension.length()) + extension;
		}
		return clean;
	}

}
