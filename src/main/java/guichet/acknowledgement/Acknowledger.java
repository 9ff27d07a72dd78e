package guichet.acknowledgement;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.application.ApplicationReceived;
import guichet.application.CommitteeProperties;
import guichet.application.CommitteeProperties.Member;
import guichet.application.Flag;
import guichet.outbox.Outbox;
import guichet.outbox.SmtpProperties;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Acknowledges each new submission once (CONTRACT §4): it listens synchronously, inside
 * the Clerk's transaction, so the acknowledgement is in the outbox if and only if the
 * submission is stored. Copies and re-analyses publish no {@link ApplicationReceived},
 * and auto-replies, bounces and lists never become applications, so none of them is
 * acknowledged. RFC 3834: never to Guichet itself, nor more than {@code max-per-day}
 * times a day to one address.
 */
@Component
class Acknowledger {

	private static final Logger log = LoggerFactory.getLogger(Acknowledger.class);

	private final AcknowledgementWriter writer;

	private final Outbox outbox;

	private final AcknowledgementGuard guard;

	private final JdbcClient jdbc;

	private final AcknowledgementProperties properties;

	private final CommitteeProperties committee;

	private final SmtpProperties smtp;

	Acknowledger(AcknowledgementWriter writer, Outbox outbox, AcknowledgementGuard guard, JdbcClient jdbc,
			AcknowledgementProperties properties, CommitteeProperties committee, SmtpProperties smtp) {
		this.writer = writer;
		this.outbox = outbox;
		this.guard = guard;
		this.jdbc = jdbc;
		this.properties = properties;
		this.committee = committee;
		this.smtp = smtp;
	}

	@EventListener
	void acknowledge(ApplicationReceived received) {
		if (!properties.enabled() || Acknowledgements.areWithheld()) {
			return;
		}
		if (!applicantConfirmed(received)) {
			log.info("Not acknowledging submission {}: a member forwarded it and the original sender's address was "
					+ "not read unambiguously", received.submissionId());
			return;
		}
		Receipt receipt = receiptOf(received);
		String to = receipt.applicantEmail();
		if (to == null || to.isBlank() || !to.contains("@")) {
			log.info("Not acknowledging submission {}: no sender address", received.submissionId());
			return;
		}
		if (to.equalsIgnoreCase(smtp.address())) {
			log.info("Not acknowledging submission {}: it comes from Guichet's own address", received.submissionId());
			return;
		}
		if (!guard.allows(to)) {
			log.warn(
					"Not acknowledging submission {}: {} acknowledgements already went to {} in the last 24 hours "
							+ "(guichet.acknowledgements.max-per-day)",
					received.submissionId(), properties.maxPerDay(), to);
			return;
		}
		outbox.add(writer.write(receipt, received.submissionId()));
	}

	/**
	 * The submission just filed and its application, read in one query (this runs for
	 * every new submission, inside the Clerk's transaction: loading the application's
	 * whole aggregate cost more than writing the mail).
	 */
	private Receipt receiptOf(ApplicationReceived received) {
		return jdbc.sql("""
				select a.applicant_email, a.applicant_name, a.subject, s.message_id, s.version, s.language,
				       s.received_at, s.deadline, s.note_filename, s.note_page_count, s.note_problem, s.flags,
				       s.recipients
				from submission s join application a on a.id = s.application_id
				where s.id = :submission""").param("submission", received.submissionId()).query((rs, n) -> {
			Set<Flag> flags = Flag.setOf(stringsOf(rs.getArray("flags")));
			List<String> missing = committee.membersLeftOut(stringsOf(rs.getArray("recipients")))
				.stream()
				.map(Member::label)
				.toList();
			String language = rs.getString("language");
			return new Receipt(rs.getString("applicant_email"), rs.getString("applicant_name"), rs.getString("subject"),
					rs.getString("message_id"), rs.getInt("version"), language == null ? "unknown" : language,
					instantOf(rs.getTimestamp("received_at")), instantOf(rs.getTimestamp("deadline")),
					rs.getString("note_filename"), (Integer) rs.getObject("note_page_count"),
					rs.getString("note_problem"), flags, missing);
		}).single();
	}

	/**
	 * False only for a member's forward whose From line named more than one address
	 * (issue #17).
	 */
	private boolean applicantConfirmed(ApplicationReceived received) {
		return jdbc.sql("select applicant_confirmed from submission where id = :submission")
			.param("submission", received.submissionId())
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	private static List<String> stringsOf(Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}

	private static Instant instantOf(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
