package guichet.application;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import guichet.untrusted.MessageValue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code correspondence} rows (rule 6, issue #17): the merge rules' questions
 * ({@link Correspondences}), and the messages filed as correspondence.
 */
@Component
class CorrespondenceRows implements Correspondences {

	/** Enough of a reply to see what it says; the whole message is one click away. */
	private static final int MAX_EXCERPT = 2000;

	private final JdbcClient jdbc;

	CorrespondenceRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Only an acknowledgement Guichet wrote (the outbox), not any Message-ID; and only to
	 * that application's own applicant: anyone else's reply is their own message.
	 */
	@Override
	public Optional<UUID> applicationAnsweredBy(String sender, List<String> references) {
		return jdbc.sql("""
				select a.id from outbox o
				join submission s on s.id = cast(o.cause as uuid)
				join application a on a.id = s.application_id
				where o.kind = 'ACKNOWLEDGEMENT' and lower(o.message_id) = any(:references)
				  and a.applicant_email = :sender
				order by o.created_at desc limit 1
				""")
			.param("references", references.stream().map(id -> id.toLowerCase(Locale.ROOT)).toArray(String[]::new))
			.param("sender", sender)
			.query(UUID.class)
			.optional();
	}

	@Override
	public Optional<UUID> ofApplicationWithMessageId(UUID applicationId, String messageId) {
		return jdbc.sql("select id from correspondence where application_id = :application and message_id = :messageId")
			.param("application", applicationId)
			.param("messageId", messageId)
			.query(UUID.class)
			.optional();
	}

	/** Files a message as correspondence of the application, with an excerpt. */
	UUID add(UUID applicationId, UUID messageId, Submitted submitted, CorrespondenceReason reason, String text) {
		UUID id = UUID.randomUUID();
		String excerpt = MessageValue.TEXT.clean(text);
		jdbc.sql("""
				insert into correspondence (id, application_id, first_message, message_id, sender, subject, received_at,
				    reason, excerpt)
				values (:id, :application, :message, :messageId, :sender, :subject, :receivedAt, :reason, :excerpt)
				""")
			.param("id", id)
			.param("application", applicationId)
			.param("message", messageId)
			.param("messageId", submitted.envelope().messageId())
			.param("sender", submitted.envelope().sender())
			.param("subject", submitted.envelope().subject())
			.param("receivedAt", Timestamp.from(submitted.receivedAt()))
			.param("reason", reason.name())
			.param("excerpt", excerpt.length() > MAX_EXCERPT ? excerpt.substring(0, MAX_EXCERPT) + "…" : excerpt)
			.update();
		return id;
	}

	void addCopy(UUID correspondenceId) {
		jdbc.sql("update correspondence set copies = copies + 1 where id = :id").param("id", correspondenceId).update();
	}

}
