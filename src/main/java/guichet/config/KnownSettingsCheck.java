package guichet.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import guichet.settings.InvalidSettingException;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A setting whose section is misspelled ({@code guichet.acknowledgment.enabled: false})
 * would be ignored without a word, and acknowledgements the admin believes off would go
 * out: it stops start-up, naming it. Names inside a section are checked when the section
 * binds ({@code ignoreUnknownFields = false}). Only what an admin writes is checked (the
 * settings files and the command line), not the environment, which holds other programs'
 * variables too. Registered in {@code META-INF/spring.factories}.
 */
class KnownSettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/**
	 * The sections under {@code guichet.}: each {@code @ConfigurationProperties} prefix,
	 * the components of those bound at {@code guichet} itself, and {@code routes} (read
	 * by intake/MailboxRoutes). {@code KnownSettingsCheckTests} holds this list to the
	 * code.
	 */
	static final Set<String> SECTIONS = Set.of("acknowledgements", "call", "committee", "digest", "embedded", "import",
			"intake", "limits", "mailboxes", "merge", "oauth2", "outbox", "public-url", "routes", "security", "smtp");

	private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|key).*");

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		for (PropertySource<?> source : event.getEnvironment().getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> written)
					|| source instanceof SystemEnvironmentPropertySource
					|| StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
				continue;
			}
			for (String name : written.getPropertyNames()) {
				check(name, written);
			}
		}
	}

	private static void check(String name, EnumerablePropertySource<?> source) {
		ConfigurationPropertyName property = ConfigurationPropertyName.adapt(name, '.');
		if (property.getNumberOfElements() < 2 || !"guichet".equals(property.getElement(0, Form.UNIFORM))) {
			return;
		}
		String section = property.getElement(1, Form.UNIFORM);
		if (SECTIONS.stream().anyMatch(known -> uniform(known).equals(section))) {
			return;
		}
		Object value = SECRET.matcher(name).matches() ? "***" : source.getProperty(name);
		throw new InvalidSettingException(name, value,
				"guichet." + property.getElement(1, Form.DASHED) + " is not a section of Guichet's settings"
						+ closest(section).map(known -> " (did you mean guichet." + known + "?)").orElse("")
						+ "; config/application.yml lists every setting");
	}

	private static java.util.Optional<String> closest(String section) {
		return SECTIONS.stream()
			.min(Comparator.comparingInt(known -> distance(uniform(known), section)))
			.filter(known -> distance(uniform(known), section) <= Math.max(2, section.length() / 4));
	}

	private static String uniform(String name) {
		return name.replace("-", "").toLowerCase(Locale.ROOT);
	}

	/** Levenshtein's distance: how many letters to change, add or remove. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			int[] current = new int[b.length() + 1];
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
			}
			previous = current;
		}
		return previous[b.length()];
	}

}
