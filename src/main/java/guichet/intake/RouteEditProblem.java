package guichet.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.ResolveEndpointFailedException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * What is wrong with an edit of a route file, said so that an admin can find it: the
 * file, the line (1 for the first; 0 when no line can be named) and Camel's message,
 * without the stack of wrappers around it.
 *
 * @param file the edited file, as the admin named it
 * @param line where the problem is: the YAML parser's position, else the first line
 * naming the missing bean, the endpoint that could not be made, or the route that could
 * not be made or started
 * @param error the innermost message that says what is wrong
 */
record RouteEditProblem(String file, int line, String error) {

	static RouteEditProblem of(String file, String content, Throwable failure) {
		Optional<Mark> mark = find(failure, MarkedYamlEngineException.class)
			.flatMap(MarkedYamlEngineException::getProblemMark);
		if (mark.isPresent()) {
			return new RouteEditProblem(file, mark.get().getLine() + 1, message(failure));
		}
		List<String> named = new ArrayList<>();
		find(failure, NoSuchBeanException.class).ifPresent(missing -> named.add(missing.getName()));
		find(failure, ResolveEndpointFailedException.class).ifPresent(endpoint -> {
			named.add(endpoint.getUri().replace("://", ":"));
			if (endpoint.getUri().contains("?")) {
				named.add(endpoint.getUri().substring(endpoint.getUri().indexOf('?') + 1));
			}
		});
		find(failure, FailedToCreateRouteException.class).ifPresent(route -> named.add("id: " + route.getRouteId()));
		find(failure, FailedToStartRouteException.class).ifPresent(route -> named.add("id: " + route.getRouteId()));
		if (named.stream().anyMatch(name -> name.startsWith("id: " + MailboxRoutes.TEMPLATE + "-"))) {
			named.add("id: " + MailboxRoutes.TEMPLATE);
		}
		return new RouteEditProblem(file, lineNaming(content, named), message(failure));
	}

	/**
	 * The first line that names the first of these (a bean, an endpoint, a route's id)
	 * that the file names.
	 */
	private static int lineNaming(String content, List<String> names) {
		if (content == null) {
			return 0;
		}
		String[] lines = content.split("\n", -1);
		for (String name : names) {
			for (int i = 0; i < lines.length; i++) {
				if (name != null && lines[i].contains(name)) {
					return i + 1;
				}
			}
		}
		return 0;
	}

	/**
	 * The deepest cause's message: Camel wraps the parser's or the registry's own words
	 * in two or three layers.
	 */
	private static String message(Throwable failure) {
		Throwable deepest = failure;
		while (deepest.getCause() != null && deepest.getCause() != deepest) {
			deepest = deepest.getCause();
		}
		String message = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
		return message.strip().replaceAll("\\s*\\n\\s*", " ");
	}

	static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return Optional.of(type.cast(cause));
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return file + (line > 0 ? ":" + line : "") + ": " + error;
	}

}
