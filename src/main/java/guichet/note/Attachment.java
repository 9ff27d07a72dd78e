package guichet.note;

import java.util.Locale;

/**
 * A file found in a message, held in memory only: its name is shown to the committee,
 * never used as a path.
 *
 * @param name decoded file name, or {@code null} when the sender gave none
 * @param declaredType the sender's Content-Type without parameters, a hint only
 * @param content the file's bytes; only its beginning when it is too large
 * @param size the file's size in bytes, at least {@code content.length}
 * @param tooLarge whether the file is over {@code guichet.limits.max-attachment-size}
 * @param damaged whether its transfer encoding could not be decoded (no content then)
 */
record Attachment(String name, String declaredType, byte[] content, long size, boolean tooLarge, boolean damaged) {

	Attachment(String name, String declaredType, byte[] content, long size, boolean tooLarge) {
		this(name, declaredType, content, size, tooLarge, false);
	}

	static Attachment damaged(String name, String declaredType) {
		return new Attachment(name, declaredType, new byte[0], 0, false, true);
	}

	String extension() {
		if (this.name == null) {
			return "";
		}
		int dot = this.name.lastIndexOf('.');
		return (dot < 0) ? "" : this.name.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
	}

	boolean isTnef() {
		return "application/ms-tnef".equals(this.declaredType) || "application/vnd.ms-tnef".equals(this.declaredType)
				|| "winmail.dat".equalsIgnoreCase(this.name);
	}

}
