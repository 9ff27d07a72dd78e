package guichet.application;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps, on each application's row, what {@link Application#flags} and
 * {@link CommitteeProperties#leftOut} say of it, so that the committee's list filters and
 * sorts on them in SQL without a second copy of those rules (issue #19; V13). Written in
 * the transaction that changes the application; at start-up, every application judged for
 * another committee (or never judged) is judged again. {@code POSSIBLE_DUPLICATE} is not
 * stored: it is a relation between applicants, answered by {@link Applications}.
 */
@Component
class StoredFlags {

	private static final Logger log = LoggerFactory.getLogger(StoredFlags.class);

	private static final int BATCH = 500;

	private final CommitteeProperties committee;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	StoredFlags(CommitteeProperties committee, JdbcClient jdbc, TransactionTemplate transaction) {
		this.committee = committee;
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Judges these applications again from their rows, in the caller's transaction, which
	 * holds or takes their row lock.
	 */
	void judge(Collection<UUID> applicationIds) {
		for (UUID id : applicationIds.stream().distinct().sorted().toList()) {
			jdbc.sql("select id from application where id = :id for update").param("id", id).query(UUID.class).list();
			// the latest version's row only: loading the whole aggregate for each copy
			// filed cost a third of the intake's speed
			jdbc.sql("""
					select a.version, s.flags, s.recipients from application a
					join submission s on s.application_id = a.id
					where a.id = :id order by s.version desc limit 1
					""")
				.param("id", id)
				.query((row, number) -> new Latest(row.getInt("version"),
						List.of((String[]) row.getArray("flags").getArray()),
						List.of((String[]) row.getArray("recipients").getArray())))
				.optional()
				.ifPresent(latest -> store(id, latest));
		}
	}

	void judge(UUID applicationId) {
		judge(List.of(applicationId));
	}

	/**
	 * Applications judged for another committee, or never judged: after an upgrade, or a
	 * change of {@code guichet.committee}.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void judgeWhatTheCommitteeChanged() {
		int judged = 0;
		// PostgreSQL orders uuids by their bytes, unsigned: the nil uuid is the first
		UUID after = new UUID(0, 0);
		List<UUID> stale;
		do {
			stale = jdbc.sql("""
					select id from application
					where version > 0 and judged_for is distinct from :committee and id > :after
					order by id limit :batch
					""")
				.param("committee", committeeKey())
				.param("after", after)
				.param("batch", BATCH)
				.query(UUID.class)
				.list();
			List<UUID> batch = stale;
			transaction.executeWithoutResult(status -> judge(batch));
			judged += stale.size();
			after = stale.isEmpty() ? after : stale.get(stale.size() - 1);
		}
		while (stale.size() == BATCH);
		if (judged > 0) {
			log.info("Judged the flags of {} application(s) for the committee {}", judged, committeeKey());
		}
	}

	private void store(UUID id, Latest latest) {
		List<String> addresses = committee.addresses();
		Set<Flag> flags = Application.flagsOf(Flag.setOf(latest.flags()), latest.recipients(), latest.versions(),
				addresses, false);
		jdbc.sql("""
				update application set flags = :flags, missing_committee = :missing, judged_for = :committee
				where id = :id
				""")
			.param("id", id)
			.param("flags", Flag.namesOf(flags).toArray(String[]::new))
			.param("missing", CommitteeProperties.leftOut(addresses, latest.recipients()).toArray(String[]::new))
			.param("committee", committeeKey())
			.update();
	}

	/** What the flags are judged from: the latest version's row. */
	private record Latest(int versions, List<String> flags, List<String> recipients) {
	}

	/**
	 * The committee as the stored values were computed for it: its addresses, in order.
	 */
	private String committeeKey() {
		return String.join(" ", committee.addresses());
	}

}
