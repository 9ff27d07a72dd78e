package guichet.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.settings.InvalidSettingException;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The routes an admin may edit are read from {@code routes/} in the folder Guichet runs
 * from. Started elsewhere (say {@code java -jar guichet.jar} in a fresh folder), Guichet
 * runs the copies packaged in the jar, and says so, rather than stopping on a missing
 * folder. With {@code guichet.routes.reload: true} there must be a folder to watch: that
 * stops start-up, naming the setting. Registered in {@code META-INF/spring.factories}.
 */
class PackagedRoutes implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String FOLDER_PATTERN = "file:routes/*.camel.yaml";

	static final String PACKAGED_PATTERN = "classpath:guichet/routes/*.camel.yaml";

	private static final Logger log = LoggerFactory.getLogger(PackagedRoutes.class);

	private final Path workingDirectory;

	PackagedRoutes() {
		this(Path.of(""));
	}

	PackagedRoutes(Path workingDirectory) {
		this.workingDirectory = workingDirectory.toAbsolutePath();
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!FOLDER_PATTERN.equals(environment.getProperty("camel.main.routes-include-pattern"))
				|| Files.isDirectory(this.workingDirectory.resolve("routes"))) {
			return;
		}
		if (environment.getProperty("guichet.routes.reload", Boolean.class, false)) {
			throw new InvalidSettingException("guichet.routes.reload", true,
					"there is no routes/ folder in " + this.workingDirectory
							+ " to watch; copy the project's routes/ there, or start Guichet from the folder that"
							+ " holds it (docs/ADMINISTRATION.md)");
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("guichet-packaged-routes",
					Map.of("camel.main.routes-include-pattern", PACKAGED_PATTERN)));
		log.info("No routes/ folder in {}: running the routes packaged in the jar (to edit them, copy the project's "
				+ "routes/ there: docs/ADMINISTRATION.md)", this.workingDirectory);
	}

}
