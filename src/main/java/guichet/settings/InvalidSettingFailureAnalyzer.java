package guichet.settings;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a bad setting into one short message naming the property as an admin writes it,
 * the value as they wrote it, where they wrote it and what would be right (CONTRACT §2),
 * instead of Spring Boot's converter and validator jargon: <pre>
 * Invalid setting guichet.mailboxes[0].poll-interval = "-5s": must be a positive duration such as 30s or PT1M
 *     (from "guichet.mailboxes[0].poll-interval" from property source "commandLineArgs")
 * </pre> A password is never shown.
 */
class InvalidSettingFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final String ACTION = """
			Correct the setting where it is written (config/application.yml, an environment variable such as \
			GUICHET_CALL_TIMEZONE, or the command line), then start Guichet again. \
			config/application.yml documents every setting and its default.""";

	private final Environment environment;

	InvalidSettingFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		List<InvalidSetting> invalid = invalidSettings(failure);
		if (invalid.isEmpty()) {
			return null;
		}
		String description = invalid.stream().map(InvalidSetting::toString).collect(Collectors.joining("\n"));
		return new FailureAnalysis(description, ACTION, failure);
	}

	private List<InvalidSetting> invalidSettings(Throwable failure) {
		// the most precise message, wherever it is: a settings record's constructor
		// throws it from under the binder's own BindException
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSettingException invalid) {
				return List.of(setting(invalid.property(), invalid.value(), invalid.reason()));
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindValidationException validation) {
				return fromValidation(validation);
			}
			if (cause instanceof BindException bind && !(bind.getCause() instanceof BindValidationException)) {
				return fromBinding(bind);
			}
		}
		return List.of();
	}

	private List<InvalidSetting> fromValidation(BindValidationException validation) {
		String root = validation.getValidationErrors().getName().toString();
		List<InvalidSetting> invalid = new ArrayList<>();
		for (ObjectError error : validation.getValidationErrors()) {
			if (error instanceof FieldError field) {
				String property = root + "." + dashed(field.getField());
				invalid.add(setting(writtenAsOneValue(property), field.getRejectedValue(), field.getDefaultMessage()));
			}
			else {
				invalid.add(setting(root, null, error.getDefaultMessage()));
			}
		}
		return invalid;
	}

	private List<InvalidSetting> fromBinding(BindException bind) {
		if (bind.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return unbound.getUnboundProperties()
				.stream()
				.map(property -> new InvalidSetting(property.getName().toString(),
						show(property.getName(), property.getValue()), property.getOrigin(),
						"is not a setting Guichet knows: check its spelling against config/application.yml, which "
								+ "lists every setting (in a list, the items are numbered from [0] without gaps, and a "
								+ "list set in one place replaces the whole list set in another)"))
				.toList();
		}
		ConfigurationProperty property = bind.getProperty();
		Object value = property != null ? property.getValue() : null;
		Class<?> type = bind.getTarget().getType().resolve(Object.class);
		return List.of(setting(bind.getName().toString(), value, expected(type, bind)));
	}

	private InvalidSetting setting(String property, Object fallbackValue, String reason) {
		ConfigurationProperty written = written(property);
		Object value = written != null ? written.getValue() : fallbackValue;
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
		return new InvalidSetting(property, name != null ? show(name, value) : String.valueOf(value),
				written != null ? written.getOrigin() : null, reason);
	}

	/**
	 * {@code guichet.committee[2]} rather than {@code guichet.committee[2].email} when
	 * the item was written as one value ({@code guichet.committee[2]=not-an-address}) in
	 * the source that wins: that is what the admin wrote.
	 */
	private String writtenAsOneValue(String property) {
		int dot = property.lastIndexOf('.');
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
		ConfigurationPropertyName parent = dot < 0 ? null
				: ConfigurationPropertyName.ofIfValid(property.substring(0, dot));
		if (environment == null || name == null || parent == null) {
			return property;
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getConfigurationProperty(name) != null) {
				return property;
			}
			if (source.getConfigurationProperty(parent) != null) {
				return parent.toString();
			}
		}
		return property;
	}

	/**
	 * The property as it was written, from the highest source that sets it, or null when
	 * none does.
	 */
	private ConfigurationProperty written(String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
		if (environment == null || name == null) {
			return null;
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static String show(ConfigurationPropertyName name, Object value) {
		if (value == null) {
			return null;
		}
		String last = name.getLastElement(ConfigurationPropertyName.Form.UNIFORM);
		return last.contains("password") || last.contains("secret") ? "(hidden)" : String.valueOf(value);
	}

	/** What the setting should look like, for a value that could not even be read. */
	private static String expected(Class<?> type, Throwable failure) {
		if (type.isEnum()) {
			return "must be one of " + Arrays.stream(type.getEnumConstants())
				.map(constant -> ((Enum<?>) constant).name())
				.collect(Collectors.joining(", "));
		}
		if (type == LocalDate.class) {
			return "must be a date written year-month-day, such as 2019-12-19";
		}
		if (ZoneId.class.isAssignableFrom(type)) {
			return "must be a time zone such as Europe/Paris or UTC";
		}
		if (type == Duration.class) {
			return "must be a duration such as 30s, 5m or PT1M";
		}
		if (type == DataSize.class) {
			return "must be a size such as 512KB or 25MB";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "must be a whole number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return "cannot be read as " + type.getSimpleName().toLowerCase(Locale.ROOT) + ": " + root.getMessage();
	}

	/**
	 * {@code mailboxes[0].pollInterval} as an admin writes it:
	 * {@code mailboxes[0].poll-interval}.
	 */
	private static String dashed(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private record InvalidSetting(String property, String value, Origin origin, String reason) {

		@Override
		public String toString() {
			String shown = value != null ? " = \"" + value + "\"" : " (not set)";
			String where = origin != null ? "\n    (from " + origin + ")" : "";
			return "Invalid setting " + property + shown + ": " + reason + where;
		}

	}

}
