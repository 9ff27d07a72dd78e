package guichet.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import guichet.settings.InvalidSettingException;

import org.springframework.boot.ConfigurableBootstrapContext;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code java -jar guichet.jar} in a folder without {@code routes/} runs the routes
 * packaged in the jar, rather than stopping on a missing folder; one with {@code routes/}
 * runs those.
 */
class PackagedRoutesTests {

	@TempDir
	Path folder;

	@Test
	void withoutARoutesFolderTheJarsOwnRoutesRun() {
		MockEnvironment environment = settings();

		new PackagedRoutes(folder).onApplicationEvent(prepared(environment));

		assertThat(environment.getProperty("camel.main.routes-include-pattern"))
			.isEqualTo(PackagedRoutes.PACKAGED_PATTERN);
		for (String route : new String[] { "intake", "errors", "digest", "outbox" }) {
			assertThat(new ClassPathResource("guichet/routes/" + route + ".camel.yaml").exists()).as(route).isTrue();
		}
	}

	@Test
	void aRoutesFolderWhereGuichetRunsIsTheOneRead() throws IOException {
		Files.createDirectory(folder.resolve("routes"));
		MockEnvironment environment = settings();

		new PackagedRoutes(folder).onApplicationEvent(prepared(environment));

		assertThat(environment.getProperty("camel.main.routes-include-pattern"))
			.isEqualTo(PackagedRoutes.FOLDER_PATTERN);
	}

	@Test
	void liveReloadWithoutAFolderToWatchStopsStartUpNamingTheSetting() {
		MockEnvironment environment = settings().withProperty("guichet.routes.reload", "true");

		assertThatThrownBy(() -> new PackagedRoutes(folder).onApplicationEvent(prepared(environment)))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("guichet.routes.reload")
			.hasMessageContaining("no routes/ folder in " + folder.toAbsolutePath());
	}

	private static MockEnvironment settings() {
		return new MockEnvironment().withProperty("camel.main.routes-include-pattern", PackagedRoutes.FOLDER_PATTERN);
	}

	private static ApplicationEnvironmentPreparedEvent prepared(MockEnvironment environment) {
		ConfigurableBootstrapContext bootstrap = new DefaultBootstrapContext();
		return new ApplicationEnvironmentPreparedEvent(bootstrap, new SpringApplication(), new String[0], environment);
	}

}
