package guichet.application;

import java.util.Optional;
import java.util.UUID;

import guichet.intake.ReceivedMessage;
import guichet.intake.ReceptionTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An admin's retry: the stored bytes go through the clerk again, as if just fetched;
 * nothing is re-fetched.
 */
@Component
public class MessageRetry {

	private final JdbcClient jdbc;

	private final Clerk clerk;

	public MessageRetry(JdbcClient jdbc, Clerk clerk) {
		this.jdbc = jdbc;
		this.clerk = clerk;
	}

	public Optional<Filing> retry(UUID messageId) {
		Optional<ReceivedMessage> stored = jdbc.sql("""
				update message set state = 'PENDING', attempts = 0, reason = null
				where id = :id and state in ('QUARANTINED', 'IGNORED', 'PENDING')
				returning mailbox, location, uid_validity, uid, raw, received_at, received_at_source
				""")
			.param("id", messageId)
			.query((rs, n) -> new ReceivedMessage(rs.getString("mailbox"), rs.getString("location"),
					(Long) rs.getObject("uid_validity"), (Long) rs.getObject("uid"), rs.getBytes("raw"),
					new ReceptionTime(rs.getTimestamp("received_at").toInstant(),
							ReceptionTime.Source.valueOf(rs.getString("received_at_source")))))
			.optional();
		return stored.map(message -> clerk.refile(messageId, message));
	}

}
