package guichet.acknowledgement;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.application.Application;
import guichet.application.ApplicationReceived;
import guichet.application.Applications;
import guichet.application.CommitteeProperties;
import guichet.application.Flag;
import guichet.application.Submission;
import guichet.outbox.Outbox;
import guichet.outbox.SmtpProperties;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Acknowledges each new submission once (CONTRACT §4): it listens synchronously, inside the Clerk's transaction, so
 * the acknowledgement is in the outbox if and only if the submission is stored. Copies and re-analyses publish no
 * {@link ApplicationReceived}, and auto-replies, bounces and lists never become applications, so none of them is
 * acknowledged. RFC 3834: never to Guichet itself, nor more than {@code max-per-day} times a day to one address.
 */
@Component
class Acknowledger {

	private static final Logger log = LoggerFactory.getLogger(Acknowledger.class);

	private final Applications applications;

	private final AcknowledgementWriter writer;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final AcknowledgementProperties properties;

	private final CommitteeProperties committee;

	private final SmtpProperties smtp;

	Acknowledger(Applications applications, AcknowledgementWriter writer, Outbox outbox, JdbcClient jdbc,
			AcknowledgementProperties properties, CommitteeProperties committee, SmtpProperties smtp) {
		this.applications = applications;
		this.writer = writer;
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.properties = properties;
		this.committee = committee;
		this.smtp = smtp;
	}

	@EventListener
	void acknowledge(ApplicationReceived received) {
		if (!properties.enabled()) {
			return;
		}
		Application application = applications.findById(received.applicationId()).orElseThrow();
		String to = application.getApplicantEmail();
		if (to == null || to.isBlank() || !to.contains("@")) {
			log.info("Not acknowledging submission {}: no sender address", received.submissionId());
			return;
		}
		if (to.equalsIgnoreCase(smtp.address())) {
			log.info("Not acknowledging submission {}: it comes from Guichet's own address", received.submissionId());
			return;
		}
		// one transaction at a time per address, so that two applications arriving together cannot both pass the guard
		jdbc.sql("select pg_advisory_xact_lock(hashtext('acknowledgement:' || :to))").param("to", to).query().listOfRows();
		int lastDay = outbox.acknowledgementsLastDay(to);
		if (lastDay >= properties.maxPerDay()) {
			log.warn("Not acknowledging submission {}: {} acknowledgements already went to {} in the last 24 hours "
					+ "(guichet.acknowledgements.max-per-day)", received.submissionId(), lastDay, to);
			return;
		}
		Submission submission = application.versions()
			.stream()
			.filter(version -> version.getId().equals(received.submissionId()))
			.findFirst()
			.orElseThrow();
		outbox.add(writer.write(receiptOf(application, submission), received.submissionId()));
	}

	private Receipt receiptOf(Application application, Submission submission) {
		Set<Flag> flags = EnumSet.noneOf(Flag.class);
		submission.flagNames().forEach(flag -> flags.add(Flag.valueOf(flag)));
		Set<String> recipients = Set.copyOf(submission.getRecipients());
		List<String> missing = committee.addresses().stream().filter(member -> !recipients.contains(member)).toList();
		return new Receipt(application.getApplicantEmail(), application.getApplicantName(), application.getSubject(),
				submission.getMessageId(), submission.getVersion(),
				submission.getLanguage() == null ? "unknown" : submission.getLanguage(), submission.getReceivedAt(),
				submission.getDeadline(), submission.getNoteFilename(), submission.getNotePageCount(),
				submission.getNoteProblem(), flags, missing);
	}


}
