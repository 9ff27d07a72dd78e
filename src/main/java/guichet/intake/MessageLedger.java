package guichet.intake;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import guichet.dedup.ContentFingerprint;
import guichet.dedup.Envelope;
import guichet.untrusted.MessageValue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Guichet has read, per mailbox, in PostgreSQL (CONTRACT §5): every fetched message
 * byte for byte, its state and, per mailbox, the UID watermark below which everything is
 * recorded. The mailbox's \Seen flag plays no part.
 */
@Repository
public class MessageLedger {

	public enum State {

		/** Stored, not yet filed: processing failed or is under way. */
		PENDING,
		/** Part of an application. */
		FILED,
		/** Not an application (auto-reply, bounce, list, Guichet's own mail). */
		IGNORED,
		/** Could not be processed; kept for an admin with the reason. */
		QUARANTINED;

		public boolean isSettled() {
			return this != PENDING;
		}

	}

	public record Recorded(UUID id, State state, int attempts) {
	}

	public record MailboxState(Long uidValidity, long watermark) {
	}

	private final JdbcClient jdbc;

	public MessageLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a fetched message once: fetching it again (a crash before the mailbox was
	 * updated, a second instance, a re-scan after a UIDVALIDITY change) finds the stored
	 * row instead of adding one. Each statement commits on its own: the insert is the one
	 * that counts, and a transaction around them would only cost a round trip.
	 */
	public Recorded record(ReceivedMessage message, Envelope envelope) {
		UUID id = UUID.randomUUID();
		// PostgreSQL hashes the bytes: its SHA-256 uses the CPU's SHA instructions, where
		// Java's does only once C2
		// has compiled it; with the image's C1-only option, hashing in Java took a tenth
		// of the intake (issue #7)
		int inserted = jdbc
			.sql("""
					insert into message (id, mailbox, location, uid_validity, uid, raw, raw_sha256, size, message_id,
					                     sender, sender_name, subject, recipients, received_at, received_at_source,
					                     sent_at, state)
					select cast(:id as uuid), cast(:mailbox as text), cast(:location as text), cast(:uidValidity as bigint),
					       cast(:uid as bigint), bytes.raw, encode(sha256(bytes.raw), 'hex'), cast(:size as integer),
					       cast(:messageId as text), cast(:sender as text), cast(:senderName as text), cast(:subject as text),
					       cast(:recipients as text[]), cast(:receivedAt as timestamptz), cast(:source as text),
					       cast(:sentAt as timestamptz), 'PENDING'
					from (select cast(:raw as bytea) as raw) as bytes
					on conflict do nothing
					""")
			.param("id", id)
			.param("mailbox", message.mailbox())
			.param("location", message.location())
			.param("uidValidity", message.uidValidity())
			.param("uid", message.uid())
			.param("raw", message.raw())
			.param("size", message.raw().length)
			.param("messageId", envelope.messageId())
			.param("sender", envelope.sender())
			.param("senderName", envelope.senderName())
			.param("subject", envelope.subject())
			.param("recipients", envelope.recipients().toArray(String[]::new))
			.param("receivedAt", Timestamp.from(message.receivedAt()))
			.param("source", message.reception().source().name())
			.param("sentAt", envelope.sentAt() == null ? null : Timestamp.from(envelope.sentAt()))
			.update();
		if (inserted == 1) {
			return new Recorded(id, State.PENDING, 0);
		}
		// Already recorded at this place (a copy deferred earlier, a pending message
		// fetched again). The insert was
		// tried first because most messages are new: PostgreSQL checks the unique place
		// before storing anything.
		Optional<Recorded> known = jdbc
			.sql("select id, state, attempts from message where mailbox = :mailbox and location = :location")
			.param("mailbox", message.mailbox())
			.param("location", message.location())
			.query((rs, n) -> new Recorded(rs.getObject("id", UUID.class), State.valueOf(rs.getString("state")),
					rs.getInt("attempts")))
			.optional();
		if (known.isPresent()) {
			return known.get();
		}
		// Seen before under another UID of the same mailbox (same bytes): keep one row,
		// at the new place.
		String sha = ContentFingerprint.sha256(message.raw());
		jdbc.sql("""
				update message set location = :location, uid_validity = :uidValidity, uid = :uid
				where mailbox = :mailbox and raw_sha256 = :sha and location <> :location
				  and not exists (select 1 from message m where m.mailbox = :mailbox and m.location = :location)
				""")
			.param("mailbox", message.mailbox())
			.param("location", message.location())
			.param("uidValidity", message.uidValidity())
			.param("uid", message.uid())
			.param("sha", sha)
			.update();
		return jdbc.sql("""
				select id, state, attempts from message
				where mailbox = :mailbox and (location = :location or raw_sha256 = :sha)
				order by (location = :location) desc limit 1
				""")
			.param("mailbox", message.mailbox())
			.param("location", message.location())
			.param("sha", sha)
			.query((rs, n) -> new Recorded(rs.getObject("id", UUID.class), State.valueOf(rs.getString("state")),
					rs.getInt("attempts")))
			.single();
	}

	public void markFiled(UUID messageId, UUID submissionId) {
		jdbc.sql("""
				update message set state = 'FILED', submission_id = :submission, reason = null, processed_at = now()
				where id = :id
				""").param("id", messageId).param("submission", submissionId).update();
	}

	/**
	 * Filed as correspondence of an application (issue #17): kept, shown with the
	 * application, never judged.
	 */
	public void markCorrespondence(UUID messageId, UUID correspondenceId) {
		jdbc.sql("""
				update message set state = 'FILED', correspondence_id = :correspondence,
				       reason = 'CORRESPONDENCE: belongs to an application without being a version of it',
				       processed_at = now()
				where id = :id
				""").param("id", messageId).param("correspondence", correspondenceId).update();
	}

	@Transactional
	public void markIgnored(UUID messageId, String reason) {
		settle(messageId, State.IGNORED, reason);
	}

	@Transactional
	public void markQuarantined(UUID messageId, String reason) {
		settle(messageId, State.QUARANTINED, reason);
	}

	private void settle(UUID messageId, State state, String reason) {
		jdbc.sql(
				"update message set state = :state, reason = :reason, processed_at = now() where id = :id and state = 'PENDING'")
			.param("id", messageId)
			.param("state", state.name())
			.param("reason", MessageValue.REASON.clean(reason))
			.update();
	}

	/**
	 * Counts a failed attempt; the last allowed one quarantines the message, so that it
	 * never blocks its mailbox.
	 * @return the state the message is left in
	 */
	@Transactional
	public State recordFailure(UUID messageId, Throwable cause, int maxAttempts) {
		String error = describe(cause);
		return jdbc.sql("""
				update message set attempts = attempts + 1, last_error = :error,
				       state = case when attempts + 1 >= :max then 'QUARANTINED' else state end,
				       reason = case when attempts + 1 >= :max then :reason else reason end,
				       processed_at = case when attempts + 1 >= :max then now() else processed_at end
				where id = :id and state = 'PENDING'
				returning state
				""")
			.param("id", messageId)
			.param("error", error)
			.param("max", maxAttempts)
			.param("reason", "FAILED: processing failed " + maxAttempts + " times; last error: " + error)
			.query(String.class)
			.optional()
			.map(State::valueOf)
			.orElse(State.PENDING);
	}

	static String describe(Throwable cause) {
		// an exception's message may quote the message's own values (a NUL in a file
		// name, issue #17)
		String text = MessageValue.REASON
			.clean(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
		return text.length() > 500 ? text.substring(0, 500) + "…" : text;
	}

	public MailboxState stateOf(String mailbox) {
		return jdbc.sql("select uid_validity, watermark from mailbox_state where mailbox = :mailbox")
			.param("mailbox", mailbox)
			.query((rs, n) -> new MailboxState((Long) rs.getObject("uid_validity"), rs.getLong("watermark")))
			.optional()
			.orElse(new MailboxState(null, 0));
	}

	/**
	 * Moves the watermark: every UID up to it, in that UIDVALIDITY, is settled in the
	 * ledger.
	 */
	/**
	 * @return whether the stored watermark (or UIDVALIDITY) changed
	 */
	public boolean advance(String mailbox, long uidValidity, long watermark) {
		return jdbc.sql("""
				insert into mailbox_state (mailbox, uid_validity, watermark) values (:mailbox, :validity, :watermark)
				on conflict (mailbox) do update
				set watermark = case when mailbox_state.uid_validity = excluded.uid_validity
				                     then greatest(mailbox_state.watermark, excluded.watermark)
				                     else excluded.watermark end,
				    uid_validity = excluded.uid_validity, changed_at = now()
				where mailbox_state.uid_validity is distinct from excluded.uid_validity
				   or mailbox_state.watermark < excluded.watermark
				""")
			.param("mailbox", mailbox)
			.param("validity", uidValidity)
			.param("watermark", watermark)
			.update() == 1;
	}

	/**
	 * Of these locations in a mailbox, the ones already settled (filed, ignored or
	 * quarantined).
	 */
	public Set<String> settledLocations(String mailbox, Collection<String> locations) {
		if (locations.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select location from message
				where mailbox = :mailbox and location = any(:locations) and state <> 'PENDING'
				""")
			.param("mailbox", mailbox)
			.param("locations", locations.toArray(String[]::new))
			.query(String.class)
			.list());
	}

	/**
	 * Of these locations in a mailbox, the ones pending without a failed attempt:
	 * deferred by the intake.
	 */
	public Set<String> deferredLocations(String mailbox, Collection<String> locations) {
		if (locations.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select location from message
				where mailbox = :mailbox and location = any(:locations) and state = 'PENDING' and attempts = 0
				""")
			.param("mailbox", mailbox)
			.param("locations", locations.toArray(String[]::new))
			.query(String.class)
			.list());
	}

}
