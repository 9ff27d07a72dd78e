package guichet.settings;

/**
 * A setting that binds but cannot work, found by the code that uses it (CONTRACT §2: a
 * bad setting stops start-up with one clear message naming the property and the value).
 * {@link InvalidSettingFailureAnalyzer} prints it.
 */
public class InvalidSettingException extends IllegalStateException {

	private final String property;

	private final transient Object value;

	private final String reason;

	/**
	 * @param property the property in its canonical form, as an admin writes it
	 * ({@code guichet.mailboxes[0].host})
	 * @param value the value in use, shown when the environment does not know where it
	 * came from
	 * @param reason what is wrong, and what would be right
	 */
	public InvalidSettingException(String property, Object value, String reason) {
		super("Invalid setting %s = \"%s\": %s".formatted(property, value, reason));
		this.property = property;
		this.value = value;
		this.reason = reason;
	}

	public String property() {
		return property;
	}

	public Object value() {
		return value;
	}

	public String reason() {
		return reason;
	}

}
