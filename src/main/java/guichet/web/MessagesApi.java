package guichet.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import guichet.intake.MessageLedger.State;
import guichet.application.MessageRetry;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Received messages for admins: what was ignored or quarantined and why, and a retry
 * after a fix.
 */
@RestController
class MessagesApi {

	private final JdbcClient jdbc;

	private final MessageRetry retry;

	MessagesApi(JdbcClient jdbc, MessageRetry retry) {
		this.jdbc = jdbc;
		this.retry = retry;
	}

	record MessageView(UUID id, String mailbox, String location, String state, String reason, int attempts,
			String lastError, String messageId, String sender, String subject, Instant receivedAt, Instant fetchedAt,
			Instant processedAt, int size, UUID submissionId) {
	}

	@GetMapping("/api/messages")
	List<MessageView> list(@RequestParam(defaultValue = "QUARANTINED") String state) {
		State wanted;
		try {
			wanted = State.valueOf(state.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"state must be one of PENDING, FILED, IGNORED, QUARANTINED");
		}
		return jdbc.sql("""
				select id, mailbox, location, state, reason, attempts, last_error, message_id, sender, subject,
				       received_at, fetched_at, processed_at, size, submission_id
				from message where state = :state order by fetched_at, id
				""")
			.param("state", wanted.name())
			.query((rs, n) -> new MessageView(rs.getObject("id", UUID.class), rs.getString("mailbox"),
					rs.getString("location"), rs.getString("state"), rs.getString("reason"), rs.getInt("attempts"),
					rs.getString("last_error"), rs.getString("message_id"), rs.getString("sender"),
					rs.getString("subject"), instant(rs.getTimestamp("received_at")),
					instant(rs.getTimestamp("fetched_at")), instant(rs.getTimestamp("processed_at")), rs.getInt("size"),
					rs.getObject("submission_id", UUID.class)))
			.list();
	}

	@GetMapping("/api/messages/{id}/raw")
	ResponseEntity<byte[]> raw(@PathVariable UUID id) {
		return jdbc.sql("select raw from message where id = :id")
			.param("id", id)
			.query(byte[].class)
			.optional()
			.map(raw -> ApplicationsApi.RawMessageDownload.of(raw, "message-" + id + ".eml"))
			.orElse(ResponseEntity.notFound().build());
	}

	/**
	 * Files a quarantined (or ignored) message again from its stored bytes, after the
	 * cause was fixed.
	 */
	@PostMapping("/api/messages/{id}/retry")
	ResponseEntity<?> retry(@PathVariable UUID id) {
		return retry.retry(id)
			.<ResponseEntity<?>>map(filing -> ResponseEntity.ok(filing))
			.orElse(ResponseEntity.notFound().build());
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
