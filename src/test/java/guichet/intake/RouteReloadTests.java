package guichet.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * Issue #19: with {@code guichet.routes.reload: true}, an edit of a route file that does
 * not parse, names a bean that does not exist or does not start leaves the previous
 * routes running, and health names the file, line and error.
 */
class RouteReloadTests {

	private static final String CLERK_STEP = """
			        - bean:
			            ref: clerk
			            method: "fileOrDefer(${body})"
			""";

	GreenMail greenMail = TestMailServer.start();

	ConfigurableApplicationContext guichet;

	Path routes;

	JdbcClient jdbc;

	@BeforeEach
	void start() throws Exception {
		routes = Files.createTempDirectory(Path.of("target"), "live-routes").toAbsolutePath();
		try (var files = Files.list(Path.of("routes"))) {
			for (Path file : files.toList()) {
				Files.copy(file, routes.resolve(file.getFileName()));
			}
		}
		assertThat(Files.readString(routes.resolve("intake.camel.yaml"))).contains(CLERK_STEP);
		Map<String, Object> properties = new HashMap<>(GuichetTestContext.properties(greenMail,
				TestDatabase.newDatabaseUrl(), List.of(Committee.ALICE), "KEEP"));
		properties.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
		properties.put("camel.main.routes-reload-directory", routes.toString());
		properties.put("guichet.routes.reload", "true");
		guichet = Guichets.start(properties);
		jdbc = guichet.getBean(JdbcClient.class);
	}

	@AfterEach
	void stop() {
		if (guichet != null) {
			guichet.close();
		}
		greenMail.stop();
	}

	@Test
	void anEditThatDoesNotParseLeavesThePreviousRoutesFilingAndHealthSaysWhereItIsWrong() throws Exception {
		// a flow mapping that lost its comma
		edit(intake -> intake.replace(CLERK_STEP, "        - bean: { ref: clerk method: \"fileOrDefer(${body})\" }\n"));

		Map<String, Object> lastEdit = awaitRejected();

		assertThat(lastEdit.get("file").toString()).endsWith("intake.camel.yaml");
		assertThat((int) lastEdit.get("line")).isEqualTo(lineOf("ref: clerk method"));
		assertThat(lastEdit.get("error").toString()).isNotBlank();
		assertThat(lastEdit.get("running")).isEqualTo("the routes as they were before this edit");
		assertMailIsStillFiled("after-typo@example.org");
	}

	@Test
	void anEditNamingABeanThatDoesNotExistLeavesThePreviousRoutesFiling() throws Exception {
		edit(intake -> intake.replace(CLERK_STEP, CLERK_STEP.replace("ref: clerk", "ref: clark")));

		Map<String, Object> lastEdit = awaitRejected();

		assertThat(lastEdit.get("error").toString()).contains("clark");
		assertThat((int) lastEdit.get("line")).isEqualTo(lineOf("ref: clark"));
		assertMailIsStillFiled("after-unknown-bean@example.org");

		// undone exactly, the file is again what runs: health says so
		edit(intake -> intake.replace("ref: clark", "ref: clerk"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> lastEdit() != null && "APPLIED".equals(lastEdit().get("outcome")));
	}

	@Test
	void anEditWhoseRouteCannotStartLeavesThePreviousRoutesFilingAndAGoodEditThenApplies() throws Exception {
		edit(intake -> intake.replace("uri: direct:intake", "uri: \"direct:intake?noSuchOption=1\""));

		Map<String, Object> lastEdit = awaitRejected();

		assertThat(lastEdit.get("error").toString()).contains("noSuchOption");
		assertThat((int) lastEdit.get("line")).isEqualTo(lineOf("noSuchOption"));
		assertMailIsStillFiled("after-bad-endpoint@example.org");

		edit(intake -> intake.replace("\"direct:intake?noSuchOption=1\"", "direct:intake")
			.replace("# Intake: every message", "# Edited. Intake: every message"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> lastEdit() != null && "APPLIED".equals(lastEdit().get("outcome")));
		assertMailIsStillFiled("after-fix@example.org");
	}

	private void edit(UnaryOperator<String> change) throws Exception {
		Path intake = routes.resolve("intake.camel.yaml");
		String before = Files.readString(intake);
		String after = change.apply(before);
		assertThat(after).isNotEqualTo(before);
		// saved in one step, as editors save, so that the watcher never sees half a file
		Path saved = routes.resolve("intake.camel.yaml.saving");
		Files.writeString(saved, after);
		Files.move(saved, intake, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private int lineOf(String text) throws Exception {
		List<String> lines = Files.readAllLines(routes.resolve("intake.camel.yaml"));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError(text + " not in the edited file");
	}

	private Map<String, Object> awaitRejected() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> lastEdit() != null && "REJECTED".equals(lastEdit().get("outcome")));
		return lastEdit();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> lastEdit() {
		return (Map<String, Object>) guichet.getBean(RouteReloadHealth.class).health().getDetails().get("lastEdit");
	}

	private void assertMailIsStillFiled(String sender) {
		TestMail.application().from(sender).appendTo(greenMail, Committee.ALICE, new Date());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from message where sender = :sender and state = 'FILED'")
				.param("sender", sender)
				.query(Integer.class)
				.single() == 1);
	}

}
