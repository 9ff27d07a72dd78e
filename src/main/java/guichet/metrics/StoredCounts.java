package guichet.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The metrics whose truth is the database (docs/METRICS.md): messages per mailbox and
 * state, outbox mails per state, applications by deadline status. Counted from the tables
 * rather than in memory, so that they survive restarts and agree across instances;
 * refreshed every 30 seconds (three grouped counts), not at each scrape.
 */
@Component
class StoredCounts implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(StoredCounts.class);

	private final JdbcClient jdbc;

	private final List<Runnable> refreshers = new ArrayList<>();

	StoredCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Row(Tags tags, long count) {
	}

	@FunctionalInterface
	interface TagsOf {

		Tags of(java.sql.ResultSet row) throws java.sql.SQLException;

	}

	@Override
	public void bindTo(MeterRegistry registry) {
		register(registry, "guichet.messages",
				"Messages recorded per mailbox and state (FILED, IGNORED, QUARANTINED, PENDING)",
				"select mailbox, state, count(*) as n from message group by mailbox, state",
				rs -> Tags.of("mailbox", rs.getString("mailbox"), "state", rs.getString("state")));
		register(registry, "guichet.outbox.mails", "Mails in the outbox per state (PENDING waits, FAILED gave up)",
				"select state, count(*) as n from outbox group by state",
				rs -> Tags.of("state", rs.getString("state")));
		register(registry, "guichet.applications", "Applications by the deadline status of their latest version", """
				select coalesce(deadline_status, 'UNKNOWN') as status, count(*) as n
				from (select distinct on (application_id) application_id, deadline_status
				      from submission order by application_id, version desc) latest
				group by 1""", rs -> Tags.of("deadline_status", rs.getString("status")));
		refresh();
	}

	private void register(MeterRegistry registry, String name, String description, String sql, TagsOf tags) {
		MultiGauge gauge = MultiGauge.builder(name).description(description).register(registry);
		refreshers.add(() -> {
			List<Row> rows = jdbc.sql(sql).query((rs, n) -> new Row(tags.of(rs), rs.getLong("n"))).list();
			gauge.register(rows.stream().map(row -> MultiGauge.Row.of(row.tags(), row.count())).toList(), true);
		});
	}

	@Scheduled(fixedDelayString = "30s", initialDelayString = "30s")
	void refresh() {
		for (Runnable refresher : refreshers) {
			try {
				refresher.run();
			}
			catch (RuntimeException ex) {
				// the database is down: health says so; the gauges keep their last values
				log.debug("Could not refresh the stored counts: {}", ex.toString());
			}
		}
	}

}
