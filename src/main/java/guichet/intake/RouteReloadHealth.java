package guichet.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The last edit of {@code routes/*.camel.yaml} under live reloading
 * ({@code /actuator/health}, component {@code routes}): applied, or rejected with the
 * file, line and error while the previous routes keep running.
 * <p>
 * A rejected edit leaves the component UP: the intake runs, and a DOWN would have
 * Docker's health check restart Guichet, which would then fail to start on the broken
 * file. The details say what to fix.
 */
@Component("routes")
public class RouteReloadHealth implements HealthIndicator {

	private final boolean reloading;

	private final Clock clock;

	private volatile Map<String, Object> lastEdit;

	RouteReloadHealth(@Value("${guichet.routes.reload:false}") boolean reloading) {
		this.reloading = reloading;
		this.clock = Clock.systemUTC();
	}

	void applied(String file) {
		var details = new LinkedHashMap<String, Object>();
		details.put("file", file);
		details.put("at", Instant.now(clock).toString());
		details.put("outcome", "APPLIED");
		this.lastEdit = details;
	}

	void rejected(RouteEditProblem problem, boolean previousRoutesRunning) {
		var details = new LinkedHashMap<String, Object>();
		details.put("file", problem.file());
		details.put("at", Instant.now(clock).toString());
		details.put("outcome", "REJECTED");
		details.put("line", problem.line());
		details.put("error", problem.error());
		details.put("running", previousRoutesRunning ? "the routes as they were before this edit"
				: "NOTHING: the previous routes could not be restored either, see the log");
		this.lastEdit = details;
	}

	/** The last edit's outcome; {@code null} before any. */
	Map<String, Object> lastEdit() {
		return lastEdit;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("reload", reloading ? "on" : "off");
		Map<String, Object> edit = lastEdit;
		if (edit != null) {
			health.withDetail("lastEdit", edit);
			if (edit.get("running") instanceof String running && running.startsWith("NOTHING")) {
				health.down();
			}
		}
		return health.build();
	}

}
