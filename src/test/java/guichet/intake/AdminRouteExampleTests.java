package guichet.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worked example of the admin guide (docs/ADMINISTRATION.md), taken from the page
 * itself and run against real routes.
 */
class AdminRouteExampleTests {

	GreenMail greenMail = TestMailServer.start();

	ConfigurableApplicationContext guichet;

	@AfterEach
	void stop() {
		if (guichet != null) {
			guichet.close();
		}
		greenMail.stop();
	}

	@Test
	void theReadmesFilterExampleIgnoresTheTestAccountAndFilesEveryoneElse() throws Exception {
		Path routes = editedRoutes();
		Map<String, Object> properties = new HashMap<>(GuichetTestContext.properties(greenMail,
				TestDatabase.newDatabaseUrl(), List.of(Committee.ALICE), "KEEP"));
		properties.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
		guichet = Guichets.start(properties);

		TestMail.application().from("tester@example.org").appendTo(greenMail, Committee.ALICE, new Date());
		TestMail.application().from("real@example.org").appendTo(greenMail, Committee.ALICE, new Date());

		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select count(*) from message where state <> 'PENDING'")
				.query(Integer.class)
				.single() == 2);
		assertThat(jdbc.sql("select state || ': ' || reason from message where sender = 'tester@example.org'")
			.query(String.class)
			.single()).isEqualTo("IGNORED: TEST: message of the test account");
		assertThat(jdbc.sql("select state from message where sender = 'real@example.org'").query(String.class).single())
			.isEqualTo("FILED");
	}

	@Test
	void anEditedRouteAppliesWithoutARestartWhenReloadingIsOn() throws Exception {
		Path routes = Files.createTempDirectory(Path.of("target"), "live-routes").toAbsolutePath();
		try (var files = Files.list(Path.of("routes"))) {
			for (Path file : files.toList()) {
				Files.copy(file, routes.resolve(file.getFileName()));
			}
		}
		Map<String, Object> properties = new HashMap<>(GuichetTestContext.properties(greenMail,
				TestDatabase.newDatabaseUrl(), List.of(Committee.ALICE), "KEEP"));
		properties.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
		properties.put("camel.main.routes-reload-directory", routes.toString());
		properties.put("guichet.routes.reload", "true");
		guichet = Guichets.start(properties);
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);

		Files.writeString(routes.resolve("intake.camel.yaml"),
				Files.readString(editedRoutes().resolve("intake.camel.yaml")));
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			String tester = "tester@example.org";
			TestMail.application()
				.from(tester)
				.subject("Probe " + System.nanoTime())
				.appendTo(greenMail, Committee.ALICE, new Date());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> jdbc.sql("select count(*) from message where state = 'PENDING'")
					.query(Integer.class)
					.single() == 0 && jdbc.sql("select count(*) from message").query(Integer.class).single() > 0);
			assertThat(jdbc.sql("select count(*) from message where sender = :tester and state = 'IGNORED'")
				.param("tester", tester)
				.query(Integer.class)
				.single()).isPositive();
		});
		TestMail.application().from("after-reload@example.org").appendTo(greenMail, Committee.ALICE, new Date());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc
				.sql("select count(*) from message where sender = 'after-reload@example.org' and state = 'FILED'")
				.query(Integer.class)
				.single() == 1);
	}

	/**
	 * The routes of routes/, with the intake's clerk step replaced by the the admin
	 * guide's example.
	 */
	private static Path editedRoutes() throws Exception {
		String readme = Files.readString(Path.of("docs/ADMINISTRATION.md"));
		Matcher example = Pattern
			.compile("# routes/intake.camel.yaml, in the \"intake\" route, replacing the clerk step\n(.*?)```",
					Pattern.DOTALL)
			.matcher(readme);
		assertThat(example.find()).as("docs/ADMINISTRATION.md's worked example").isTrue();
		String intake = Files.readString(Path.of("routes", "intake.camel.yaml"));
		String clerkStep = """
				        - bean:
				            ref: clerk
				            method: "fileOrDefer(${body})"
				""";
		assertThat(intake).contains(clerkStep);
		Path folder = Files.createTempDirectory(Path.of("target"), "edited-routes");
		Files.writeString(folder.resolve("intake.camel.yaml"), intake.replace(clerkStep, example.group(1)));
		try (var others = Files.list(Path.of("routes"))) {
			for (Path other : others.filter(path -> !path.endsWith("intake.camel.yaml")).toList()) {
				Files.copy(other, folder.resolve(other.getFileName()));
			}
		}
		return folder.toAbsolutePath();
	}

}
