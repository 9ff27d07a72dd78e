package guichet.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A route file that cannot be loaded at start-up (an edit rejected while Guichet ran,
 * then left on disk; a typo made while it was stopped) stops it with the file, the line
 * and Camel's own words ({@link RouteEditProblem}, as live reload says them), instead of
 * Camel's stack of wrappers. Registered in {@code META-INF/spring.factories}.
 */
class RouteFailureAnalyzer implements FailureAnalyzer {

	private static final Pattern FOLDER_PATTERN = Pattern.compile("file:(.*)/\\*\\.camel\\.yaml");

	private static final Pattern NAMED_FILE = Pattern.compile("([\\w.-]+\\.camel\\.yaml)");

	private final Environment environment;

	RouteFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		if (!isAboutRoutes(failure)) {
			return null;
		}
		Matcher folder = FOLDER_PATTERN
			.matcher(this.environment.getProperty("camel.main.routes-include-pattern", "file:routes/*.camel.yaml"));
		if (!folder.matches()) {
			return null; // the routes packaged in the jar: not the admin's to correct
		}
		Path routes = Path.of(folder.group(1));
		RouteEditProblem problem = problemIn(routes, failure);
		return new FailureAnalysis("The routes could not be loaded: " + problem,
				"Correct that line (docs/ADMINISTRATION.md, \"Routes you may edit\"), or put back the project's copy of "
						+ "the file; then start Guichet again.",
				failure);
	}

	/** The file the failure names, else the one with a line naming what failed. */
	private static RouteEditProblem problemIn(Path routes, Throwable failure) {
		Optional<String> named = namedFile(failure);
		List<Path> files;
		try (Stream<Path> listed = Files.list(routes)) {
			files = listed.filter(file -> file.getFileName().toString().endsWith(".camel.yaml"))
				.filter(file -> named.isEmpty() || file.getFileName().toString().equals(named.get()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			return RouteEditProblem.of(routes.toString(), null, failure);
		}
		RouteEditProblem first = null;
		for (Path file : files) {
			RouteEditProblem problem = RouteEditProblem.of(routes.getFileName().resolve(file.getFileName()).toString(),
					read(file), failure);
			if (problem.line() > 0) {
				return problem;
			}
			first = first == null ? problem : first;
		}
		return first != null ? first : RouteEditProblem.of(routes.toString(), null, failure);
	}

	private static Optional<String> namedFile(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			Matcher name = NAMED_FILE.matcher(String.valueOf(cause.getMessage()));
			if (name.find()) {
				return Optional.of(name.group(1));
			}
		}
		return Optional.empty();
	}

	private static boolean isAboutRoutes(Throwable failure) {
		return RouteEditProblem.find(failure, FailedToCreateRouteException.class).isPresent()
				|| RouteEditProblem.find(failure, FailedToStartRouteException.class).isPresent()
				|| RouteEditProblem.find(failure, MarkedYamlEngineException.class).isPresent();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
