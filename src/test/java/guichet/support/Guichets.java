package guichet.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;

import guichet.Guichet;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The one way a test starts a Guichet of its own. Which Guichet to test against:
 * <ul>
 * <li>{@link MailTestSupport} (extend it): the Guichet shared by every mail test of the
 * JVM, with the standard settings; the first choice, since it starts once.</li>
 * <li>{@link HostileGuichet#get()}: the one shared by the tests of tight limits
 * (quarantine, security, fuzzing), started here.</li>
 * <li>{@code Guichets}: a Guichet with settings of its own (another committee, limits,
 * after-processing, OAuth2, POP3), mailboxes the shared one must not poll, a restart on
 * the same data, or settings it must refuse: {@link #pollingMailboxesOf} (or
 * {@link GuichetTestContext#settings} for one on an embedded data directory), changed
 * with {@link Settings#set}, then {@link Settings#start()} or {@link Settings#refused()}.
 * Close it when done. (A test class that wants its Guichet's beans injected may be a
 * {@code @SpringBootTest} whose {@code @DynamicPropertySource} gives
 * {@link GuichetTestContext#properties}: the same settings, in Spring's test
 * context.)</li>
 * </ul>
 * The settings are given as command-line arguments, so that they win over
 * {@code config/application.yml} as an admin's would.
 */
public final class Guichets {

	private Guichets() {
	}

	/** Starts a whole Guichet with these settings (a name, a value as text). */
	public static ConfigurableApplicationContext start(Map<String, ?> properties) {
		return new SpringApplicationBuilder(Guichet.class).run(arguments(properties));
	}

	/**
	 * The settings of a Guichet polling every mailbox of the tests' committee
	 * ({@link Committee#MAILBOXES}) on this GreenMail, with a fresh database of the
	 * shared test PostgreSQL ({@link GuichetTestContext}).
	 */
	public static Settings pollingMailboxesOf(GreenMail greenMail) {
		return new Settings(GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl()));
	}

	/**
	 * As {@link #pollingMailboxesOf(GreenMail)}, polling only these mailboxes, which
	 * apply this {@code after-processing}.
	 */
	public static Settings pollingMailboxesOf(GreenMail greenMail, List<String> mailboxes, String afterProcessing) {
		return new Settings(
				GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl(), mailboxes, afterProcessing));
	}

	/**
	 * Only the settings a test names, on a data directory and mail ports of its own: for
	 * tests of settings Guichet must refuse before anything starts.
	 */
	public static Settings bare() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("guichet.embedded.data-dir", "target/test-pg/" + UUID.randomUUID());
		properties.put("guichet.embedded.smtp-port", "0");
		properties.put("guichet.embedded.imap-port", "0");
		return new Settings(properties);
	}

	private static String[] arguments(Map<String, ?> properties) {
		return properties.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/** The settings of one Guichet, in the order given, changed before it starts. */
	public static final class Settings {

		private final Map<String, Object> properties;

		private final Map<String, Object> environment = new LinkedHashMap<>();

		private Settings(Map<String, Object> properties) {
			this.properties = new LinkedHashMap<>(properties);
		}

		/** Sets one setting ({@code guichet.limits.parse-timeout}, {@code 200ms}). */
		public Settings set(String name, Object value) {
			this.properties.put(name, String.valueOf(value));
			return this;
		}

		/** Sets these settings, as {@link #set} each. */
		public Settings set(Map<String, ?> settings) {
			settings.forEach(this::set);
			return this;
		}

		/**
		 * Drops every setting under this name ({@code guichet.committee}: its items too),
		 * so that Guichet's default applies.
		 */
		public Settings unset(String name) {
			this.properties.keySet()
				.removeIf(key -> key.equals(name) || key.startsWith(name + "[") || key.startsWith(name + "."));
			return this;
		}

		/**
		 * The settings that make this Guichet judge and write as the shared one does:
		 * French notes late, English notes on time, no digest before 2099, mail sent
		 * within a second ({@link GuichetTestContext#settings}).
		 */
		public Settings asTheSharedGuichetJudges() {
			GuichetTestContext.settings(0, 0, "unused").forEach((name, value) -> {
				if (name.startsWith("guichet.outbox.") || name.startsWith("guichet.call.")
						|| name.startsWith("guichet.digest.") || name.startsWith("camel.")) {
					set(name, value);
				}
			});
			return this;
		}

		/**
		 * An environment variable, as an admin's container would set it (for
		 * {@link #refused()} only).
		 */
		public Settings environment(String name, Object value) {
			this.environment.put(name, value);
			return this;
		}

		public Map<String, Object> properties() {
			return this.properties;
		}

		public ConfigurableApplicationContext start() {
			if (!this.environment.isEmpty()) {
				throw new IllegalStateException("environment variables are for refused() only");
			}
			return Guichets.start(this.properties);
		}

		/**
		 * Starts Guichet, without its web server, expecting it to refuse these settings.
		 * @return why it did not start
		 * @throws AssertionError if it started
		 */
		public Exception refused() {
			var application = new SpringApplicationBuilder(Guichet.class).web(WebApplicationType.NONE)
				.initializers(context -> context.getEnvironment()
					.getPropertySources()
					.addAfter("commandLineArgs",
							new SystemEnvironmentPropertySource("test-systemEnvironment", this.environment)));
			try {
				application.run(arguments(this.properties)).close();
			}
			catch (Exception ex) {
				return ex;
			}
			throw new AssertionError("Guichet started with " + this.properties + " and " + this.environment);
		}

	}

}
