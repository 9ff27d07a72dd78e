package guichet.acknowledgement;

import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The RFC 3834 loop guard: at most {@code guichet.acknowledgements.max-per-day}
 * acknowledgements to one address in any 24 hours. Each address has one row (V5) with the
 * times of its acknowledgements of the last 24 hours; taking one is a single INSERT ...
 * ON CONFLICT, which finds the row by its primary key whatever plan PostgreSQL has
 * cached, and locks it, so that two applications from one address filed at the same
 * instant take turns. An address that had no acknowledgement for 24 hours is forgotten
 * within the hour: the guard keeps no address longer than it needs.
 */
@Component
class AcknowledgementGuard {

	private final JdbcClient jdbc;

	private final AcknowledgementProperties properties;

	AcknowledgementGuard(JdbcClient jdbc, AcknowledgementProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Counts one more acknowledgement to this address, in the caller's transaction, if
	 * fewer than {@code max-per-day} went to it in the last 24 hours.
	 * @return whether it may be acknowledged; when not, nothing is counted
	 */
	boolean allows(String address) {
		// the times older than 24 hours are dropped as the row is written; a refused
		// acknowledgement adds none
		return !jdbc.sql("""
				insert into acknowledgement_guard as guard (address, written_at)
				values (:address, array[now()])
				on conflict (address) do update
				set written_at = array(select t from unnest(guard.written_at) as t
				                       where t > now() - interval '24 hours' order by t) || now()
				where (select count(*) from unnest(guard.written_at) as t
				       where t > now() - interval '24 hours') < :max
				returning address
				""")
			.param("address", address.toLowerCase(Locale.ROOT))
			.param("max", properties.maxPerDay())
			.query(String.class)
			.list()
			.isEmpty();
	}

	/**
	 * Forgets the addresses that had no acknowledgement in the last 24 hours (their row
	 * would allow the next one anyway). A row being written at this instant is checked
	 * again once its writer commits, and kept.
	 * @return how many addresses were forgotten
	 */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	int forgetQuietAddresses() {
		return jdbc.sql("""
				delete from acknowledgement_guard
				where not exists (select from unnest(written_at) as t where t > now() - interval '24 hours')
				""").update();
	}

}
