package guichet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import guichet.application.CommitteeProperties;
import guichet.bench.IngestBenchmark;
import guichet.config.SecurityProperties;
import guichet.config.SecurityProperties.Role;
import guichet.intake.MailboxProperties;
import guichet.intake.MailboxProperties.Mailbox;
import guichet.intake.MailboxProperties.Protocol;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml starts Guichet with PostgreSQL and a mail server (CONTRACT §1). No
 * Docker engine runs where the tests run, so this checks what
 * {@code docker compose config} would not: that every variable reaches a setting Guichet
 * really binds, that the services find each other and that the image can be built from
 * what is here.
 */
class ComposeFileTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");

	private static Map<String, Object> compose;

	private static Map<String, Object> environment;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readComposeFile() throws IOException {
		compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		environment = new LinkedHashMap<>();
		((Map<String, Object>) service("guichet").get("environment"))
			.forEach((name, value) -> environment.put(name, withDefaults(String.valueOf(value))));
	}

	@Test
	void startsGuichetWithADatabaseAndAMailServer() {
		assertThat(services()).containsOnlyKeys("guichet", "postgres", "mail");
		assertThat(service("guichet")).containsEntry("build", ".");
		assertThat(service("postgres").get("image")).asString().startsWith("postgres:16");
		assertThat(service("mail").get("image")).asString().startsWith("greenmail/standalone");
	}

	@Test
	void startsGuichetOnlyOnceTheDatabaseAndTheMailServerAreHealthy() {
		assertThat(service("guichet").get("depends_on")).isEqualTo(Map.of("postgres",
				Map.of("condition", "service_healthy"), "mail", Map.of("condition", "service_healthy")));
		assertThat(service("postgres")).containsKey("healthcheck");
		assertThat(service("mail")).containsKey("healthcheck");
		assertThat(String.valueOf(service("postgres").get("healthcheck"))).contains("pg_isready");
	}

	@Test
	void pointsGuichetAtThePostgresService() {
		var datasource = binder().bind("spring.datasource", DataSourceProperties.class).get();

		assertThat(datasource.getUrl()).isEqualTo("jdbc:postgresql://postgres:5432/guichet");
		assertThat(datasource.getUsername()).isEqualTo(serviceEnvironment("postgres").get("POSTGRES_USER"));
		assertThat(datasource.getPassword()).isEqualTo(serviceEnvironment("postgres").get("POSTGRES_PASSWORD"));
		assertThat(datasource.getUrl()).endsWith("/" + serviceEnvironment("postgres").get("POSTGRES_DB"));
	}

	@Test
	void pollsTheMailServiceMailboxesOverImap() {
		List<Mailbox> mailboxes = binder().bind("guichet", MailboxProperties.class).get().mailboxes();

		assertThat(mailboxes).hasSize(5);
		assertThat(mailboxes.get(0).name()).isEqualTo("shared");
		assertThat(mailboxes).allSatisfy(mailbox -> {
			assertThat(mailbox.protocol()).isEqualTo(Protocol.IMAP);
			assertThat(mailbox.host()).isEqualTo("mail");
			assertThat(mailbox.effectivePort()).isEqualTo(3143);
			assertThat(mailbox.password()).isEqualTo("change-me");
		});
		assertThat(mailboxes).extracting(Mailbox::username)
			.containsExactly("applications@committee.example", "odile.chagny@ires.fr", "idoreste@etuc.org",
					"wkowalsk@etuc.org", "c.teissier@astrees.org");
		assertThat(mailboxes).extracting(Mailbox::username)
			.containsAll(new CommitteeProperties(CommitteeProperties.CALL).addresses());
	}

	@Test
	void createsOnTheMailServerEveryMailboxGuichetPolls() {
		String options = String.valueOf(serviceEnvironment("mail").get("GREENMAIL_OPTS"));
		List<Mailbox> mailboxes = binder().bind("guichet", MailboxProperties.class).get().mailboxes();

		assertThat(options).contains("-Dgreenmail.setup.test.imap", "-Dgreenmail.setup.test.smtp",
				"-Dgreenmail.hostname=0.0.0.0", "-Dgreenmail.users.login=email");
		for (Mailbox mailbox : mailboxes) {
			String[] address = mailbox.username().split("@");
			assertThat(options).contains(address[0] + ":" + mailbox.password() + "@" + address[1]);
		}
		assertThat(service("mail").get("ports")).asList().contains("3025:3025", "3143:3143");
	}

	@Test
	void sendsMailThroughTheMailServiceSmtpPort() {
		assertThat(binder().bind("guichet.smtp.host", String.class).get()).isEqualTo("mail");
		assertThat(binder().bind("guichet.smtp.port", Integer.class).get()).isEqualTo(3025);
		assertThat(Files.exists(Path.of("config/application.yml"))).isTrue();
	}

	@Test
	void createsAnAdminWhosePasswordSaysToChangeIt() {
		var security = binder().bind("guichet.security", SecurityProperties.class).get();

		assertThat(security.users()).singleElement().satisfies(user -> {
			assertThat(user.username()).isEqualTo("admin");
			assertThat(user.role()).isEqualTo(Role.ADMIN);
			assertThat(user.password()).isEqualTo("change-me");
		});
	}

	@Test
	void takesEveryPasswordFromAVariableWithADefaultThatSaysChangeMe() throws IOException {
		String raw = Files.readString(Path.of("docker-compose.yml"));

		assertThat(raw.lines().filter(line -> line.contains("PASSWORD:") || line.contains("PASSWORD=")))
			.allSatisfy(line -> assertThat(line).matches(".*\\$\\{\\w+:-change-me}.*"));
		assertThat(Files.readString(Path.of(".env.example"))).contains("POSTGRES_PASSWORD=change-me",
				"MAIL_PASSWORD=change-me", "GUICHET_ADMIN_PASSWORD=change-me");
	}

	@Test
	void setsOnlyVariablesThatGuichetReads() throws IOException {
		String documented = Files.readString(Path.of("config/application.yml"));

		assertThat(environment.keySet()).allSatisfy(name -> assertThat(name)
			.matches("(GUICHET_MAILBOXES_|GUICHET_SECURITY_USERS_|GUICHET_SMTP_|SPRING_DATASOURCE_)[A-Z0-9_]+"));
		// a misspelt variable (GUICHET_MAILBOXES_0_HOTS) would be left unbound and fail
		// here
		bindEverything("GUICHET_MAILBOXES_", "guichet", Bindable.of(MailboxProperties.class));
		bindEverything("GUICHET_SECURITY_", "guichet.security", Bindable.of(SecurityProperties.class));
		bindEverything("SPRING_DATASOURCE_", "spring.datasource", Bindable.of(DataSourceProperties.class));
		assertThat(environment.keySet().stream().filter(name -> name.startsWith("GUICHET_SMTP_")))
			.allSatisfy(name -> assertThat(documented)
				.contains("    " + name.substring("GUICHET_SMTP_".length()).toLowerCase(Locale.ROOT) + ":"));
	}

	/**
	 * Binds the variables that start with the prefix, failing on any that no setting
	 * reads.
	 */
	private static void bindEverything(String prefix, String root, Bindable<?> target) {
		Map<String, Object> variables = new LinkedHashMap<>(environment);
		variables.keySet().removeIf(name -> !name.startsWith(prefix));
		var handler = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);

		assertThat(binder(variables).bind(root, target, handler).isBound()).as(prefix).isTrue();
	}

	@Test
	void publishesThePortGuichetListensOn() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(service("guichet").get("ports")).asList().singleElement().asString().endsWith(":8080");
		assertThat(dockerfile).contains("EXPOSE 8080");
		assertThat(Files.readString(Path.of("config/application.yml"))).contains("port: 8080");
	}

	@Test
	void buildsTheImageFromFilesThatExist() throws IOException {
		List<String> copies = Files.readAllLines(Path.of("Dockerfile"))
			.stream()
			.filter(line -> line.startsWith("COPY ") && !line.startsWith("COPY --from"))
			.toList();

		assertThat(copies).isNotEmpty();
		for (String copy : copies) {
			String[] words = copy.split("\\s+");
			for (int i = 1; i < words.length - 1; i++) {
				assertThat(Path.of(words[i])).as(copy).exists();
			}
		}
		assertThat(copies).anyMatch(copy -> copy.startsWith("COPY routes/"))
			.anyMatch(copy -> copy.startsWith("COPY config/"));
		// the image runs the packaged jar extracted (CrashIT starts that layout)
		assertThat(Files.readString(Path.of("Dockerfile")))
			.contains("java -Djarmode=tools -jar target/guichet.jar extract --destination /build/extracted")
			.contains("COPY --from=build /build/extracted/lib/ lib/")
			.contains("COPY --from=build /build/extracted/guichet.jar guichet.jar")
			.contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/guichet.jar\"]")
			.contains("WORKDIR /app")
			.containsPattern("(?m)^USER guichet$");
		assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>guichet</finalName>");
		// the benchmarks measure Guichet with the image's JVM options, and with a class
		// data archive made by a
		// training run with those options, as the image's build makes its own
		String archive = "/app/cds/guichet.jsa";
		assertThat(Files.readString(Path.of("Dockerfile")))
			.contains("ENV JDK_JAVA_OPTIONS=\"" + IngestBenchmark.IMAGE_JVM_OPTIONS + " -XX:SharedArchiveFile="
					+ archive + "\"")
			.contains("RUN java " + IngestBenchmark.IMAGE_JVM_OPTIONS + " -XX:ArchiveClassesAtExit=" + archive)
			.contains("-Dspring.context.exit=onRefresh -jar /app/guichet.jar");
		assertThat(Files.readString(Path.of("bench/startup.sh")))
			.contains("java -Xmx512m " + IngestBenchmark.IMAGE_JVM_OPTIONS + " $archive -jar");
		assertThat(Files.readString(Path.of("bench/extracted-jar.sh")))
			.contains(IngestBenchmark.IMAGE_JVM_OPTIONS + " -XX:ArchiveClassesAtExit=")
			.contains("-Dspring.context.exit=onRefresh");
	}

	/** Binds as Guichet does inside the container: from environment variables only. */
	private static Binder binder() {
		return binder(environment);
	}

	private static Binder binder(Map<String, Object> variables) {
		var env = new StandardEnvironment();
		env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		env.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		return new Binder(ConfigurationPropertySources.get(env));
	}

	/**
	 * What compose substitutes for {@code ${NAME:-default}} when NAME is not set: the
	 * default.
	 */
	private static String withDefaults(String value) {
		Matcher matcher = VARIABLE.matcher(value);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(resolved,
					Matcher.quoteReplacement(matcher.group(2) != null ? matcher.group(2) : ""));
		}
		return matcher.appendTail(resolved).toString();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> services() {
		return (Map<String, Object>) compose.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) {
		return (Map<String, Object>) services().get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> serviceEnvironment(String name) {
		Map<String, Object> resolved = new LinkedHashMap<>();
		((Map<String, Object>) service(name).get("environment"))
			.forEach((key, value) -> resolved.put(key, withDefaults(String.valueOf(value))));
		return resolved;
	}

}
