package guichet.note;

/**
 * What reading one document gave.
 *
 * @param text the extracted text, "" when none
 * @param pageCount pages, {@code null} when the format has none or they cannot be counted
 * @param unreadableReason why the document cannot be read by the committee, {@code null}
 * when it can
 */
record Extraction(String text, Integer pageCount, String unreadableReason) {

	static Extraction unreadable(String reason) {
		return new Extraction("", null, reason);
	}

}
