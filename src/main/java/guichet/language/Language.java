package guichet.language;

/**
 * The languages of the call: a note is judged against the French or the English deadline,
 * and any other language (or none that can be told) is {@link #UNKNOWN}, which gets the
 * later deadline (CONTRACT §3).
 */
public enum Language {

	FR("fr"), EN("en"), UNKNOWN("unknown");

	private final String code;

	Language(String code) {
		this.code = code;
	}

	/** The code the API shows: {@code fr}, {@code en} or {@code unknown}. */
	public String code() {
		return this.code;
	}

	/**
	 * The language of a stored code ({@code fr}, {@code en}, {@code unknown});
	 * {@code null} for none (a submission not judged yet).
	 */
	public static Language ofCode(String code) {
		if (code == null) {
			return null;
		}
		for (Language language : values()) {
			if (language.code.equals(code)) {
				return language;
			}
		}
		throw new IllegalArgumentException("No language with code " + code);
	}

}
