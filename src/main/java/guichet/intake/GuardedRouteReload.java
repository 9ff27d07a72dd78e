package guichet.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.apache.camel.util.AntPathMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reloading of {@code routes/*.camel.yaml} ({@code guichet.routes.reload}) that
 * never leaves Guichet without routes. Camel's own reloading removes every route before
 * it reads the edited file: one missing comma, a bean that does not exist or a route that
 * does not start, and every mailbox route was gone until someone found the mistake.
 * <p>
 * Here every route file's text is kept as it was last loaded. An edit is applied over
 * those texts, as Camel would; when it fails, whatever the reason (parsing, making the
 * routes, the template's mailbox routes, starting them), the kept texts are loaded again,
 * so the previous routes run on, and the file, line and error go to the log at ERROR and
 * to {@code /actuator/health} ({@link RouteReloadHealth}). Applying in the live context
 * rather than checking first in a second one tries the edit against the real beans,
 * settings and endpoints; the cost is that polls pause for the moment routes are
 * replaced, as they do for any reload.
 */
final class GuardedRouteReload extends RouteWatcherReloadStrategy {

	private static final Logger log = LoggerFactory.getLogger(GuardedRouteReload.class);

	private final MailboxRoutes mailboxRoutes;

	private final RouteReloadHealth health;

	/** The text of each route file (by absolute path) as last loaded without error. */
	private Map<Path, String> loaded = new TreeMap<>();

	/**
	 * The last set of texts rejected: an editor's several writes of one save are tried
	 * once.
	 */
	private Map<Path, String> rejected = Map.of();

	GuardedRouteReload(String directory, String pattern, MailboxRoutes mailboxRoutes, RouteReloadHealth health) {
		super(directory, false);
		setPattern(pattern);
		this.mailboxRoutes = mailboxRoutes;
		this.health = health;
	}

	@Override
	protected void doStart() throws Exception {
		AntPathMatcher matcher = new AntPathMatcher();
		try (var files = Files.list(Path.of(getFolder()))) {
			for (Path file : files.sorted().toList()) {
				String name = file.getFileName().toString();
				for (String part : getPattern().split(",")) {
					if (Files.isRegularFile(file) && matcher.match(part.strip(), name)) {
						loaded.put(file.toAbsolutePath().normalize(), Files.readString(file, StandardCharsets.UTF_8));
					}
				}
			}
		}
		super.doStart();
	}

	@Override
	protected synchronized void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
		for (Resource resource : resources) {
			if (resource != null) {
				onRouteReload(resource);
			}
		}
	}

	private void onRouteReload(Resource resource) {
		Path file = Paths.get(resource.getURI()).toAbsolutePath().normalize();
		String shown = Path.of(getFolder()).getFileName().resolve(file.getFileName()).toString();
		Map<Path, String> edited = new TreeMap<>(loaded);
		String content = null;
		try {
			if (Files.exists(file)) {
				content = Files.readString(file, StandardCharsets.UTF_8);
				if (content.isBlank()) {
					// an editor's save often empties the file before writing it: the
					// write comes as an event of its own
					log.debug("{} is empty, waiting for its content", shown);
					return;
				}
				edited.put(file, content);
			}
			else {
				edited.remove(file);
			}
			if (edited.equals(loaded)) {
				if (!rejected.isEmpty()) {
					// the rejected edit was undone: the files are again the routes that
					// run
					rejected = Map.of();
					health.applied(shown);
					log.info("{} is back to the routes that run: the rejected edit is undone", shown);
				}
				return;
			}
			if (edited.equals(rejected)) {
				return;
			}
			load(edited);
			loaded = edited;
			health.applied(shown);
			log.info("Routes reloaded after an edit of {}", shown);
		}
		catch (Exception | LinkageError ex) {
			RouteEditProblem problem = RouteEditProblem.of(shown, content, ex);
			rejected = edited;
			boolean restored = restore();
			health.rejected(problem, restored);
			log.error("Edit of {} rejected, {}: {}", shown, restored ? "the routes as they were before it run on"
					: "AND THE PREVIOUS ROUTES COULD NOT BE RESTORED", problem);
		}
	}

	private boolean restore() {
		try {
			load(loaded);
			return true;
		}
		catch (Exception | LinkageError ex) {
			log.error("Could not restore the routes as they were before the edit", ex);
			return false;
		}
	}

	/**
	 * Replaces every route by those of these files, and the mailbox routes made from
	 * their template.
	 */
	private void load(Map<Path, String> files) throws Exception {
		CamelContext camel = getCamelContext();
		camel.getRouteController().removeAllRoutes();
		camel.removeRouteTemplates("*");
		camel.getEndpointRegistry().clear();
		List<Resource> resources = files.entrySet()
			.stream()
			.map(file -> ResourceHelper.fromString(file.getKey().toUri().toString(), file.getValue()))
			.toList();
		PluginHelper.getRoutesLoader(camel).updateRoutes(resources);
		mailboxRoutes.addMailboxRoutes(camel);
	}

	@Override
	protected String startupMessage(java.io.File dir) {
		return "Live route reloading enabled, edits that fail leave the previous routes running (directory: " + dir
				+ ")";
	}

}
