package guichet.application;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.deadline.CallProperties;
import guichet.deadline.DeadlineStatus;
import guichet.dedup.Forward;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges every submission again from its stored raw message, after an admin corrected a
 * deadline or the page limit: nothing is fetched again and nothing is acknowledged again;
 * only what changed is marked changed for the digest.
 */
@Component
public class Reanalysis {

	private static final Logger log = LoggerFactory.getLogger(Reanalysis.class);

	private final JdbcClient jdbc;

	private final Assessor assessor;

	private final TransactionTemplate transaction;

	private final CallProperties call;

	private final StoredFlags storedFlags;

	Reanalysis(JdbcClient jdbc, Assessor assessor, TransactionTemplate transaction, CallProperties call,
			StoredFlags storedFlags) {
		this.jdbc = jdbc;
		this.assessor = assessor;
		this.transaction = transaction;
		this.call = call;
		this.storedFlags = storedFlags;
	}

	public record Result(int submissions, int changed) {
	}

	record Stored(UUID submission, UUID application, byte[] raw, Instant receivedAt, Set<Flag> flags,
			DeadlineStatus deadlineStatus, boolean forwarded) {
	}

	public Result reanalyseAll() {
		List<UUID> ids = jdbc.sql("select id from submission order by received_at").query(UUID.class).list();
		int changed = 0;
		for (UUID id : ids) {
			Boolean didChange = transaction.execute(status -> reanalyse(id));
			if (Boolean.TRUE.equals(didChange)) {
				changed++;
			}
		}
		log.info("Re-analysed {} submission(s); {} changed", ids.size(), changed);
		return new Result(ids.size(), changed);
	}

	private boolean reanalyse(UUID submissionId) {
		Stored stored = jdbc.sql("""
				select s.id, s.application_id, m.raw, s.received_at, s.flags, s.deadline_status,
				       s.forwarded_by is not null as forwarded
				from submission s join message m on m.id = s.first_message where s.id = :id for update of s
				""")
			.param("id", submissionId)
			.query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3),
					rs.getTimestamp(4).toInstant(), Flag.setOf(List.of((String[]) rs.getArray(5).getArray())),
					rs.getString(6) == null ? null : DeadlineStatus.valueOf(rs.getString(6)), rs.getBoolean(7)))
			.single();
		MimeMessage mime = Submitted.parse(stored.raw());
		if (mime == null) {
			return false;
		}
		// a member's forward is judged, as when it was filed, on the forwarded message,
		// not on the member's mail
		MimeMessage submitted = stored.forwarded()
				? Forward.in(mime, call.timezone()).map(Forward::message).orElse(mime) : mime;
		Assessment assessment = assessor.assess(submitted, stored.receivedAt());
		// who sent it (a member's forward, a reused Message-ID) is not in what it says:
		// those flags stay
		Assessment judged = assessment.withFlags(identityFlags(stored.flags()));
		var update = jdbc
			.sql("update submission set analysed_at = now(), %s where id = :id".formatted(judged.columnAssignments()))
			.param("id", submissionId);
		judged.bindTo(update).update();
		jdbc.sql("""
				insert into note_text (submission_id, text) values (:id, :text)
				on conflict (submission_id) do update set text = excluded.text
				""").param("id", submissionId).param("text", assessment.storableText()).update();
		boolean changed = !judged.flags().equals(stored.flags())
				|| assessment.deadlineStatus() != stored.deadlineStatus();
		if (changed) {
			jdbc.sql("update application set changed_at = now() where id = :id")
				.param("id", stored.application())
				.update();
			storedFlags.judge(stored.application());
		}
		return changed;
	}

	private static Set<Flag> identityFlags(Set<Flag> stored) {
		Set<Flag> kept = EnumSet.of(Flag.FORWARDED, Flag.MESSAGE_ID_REUSED);
		kept.retainAll(stored);
		return kept;
	}

}
