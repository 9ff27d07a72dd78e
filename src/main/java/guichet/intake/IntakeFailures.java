package guichet.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.startup.BuiltInBackground;
import guichet.dedup.Envelope;
import guichet.intake.MessageLedger.State;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A message whose processing failed: the failure is counted in the ledger, and the last
 * allowed attempt quarantines it (kept raw, with its error, for an admin), so that one
 * bad message never blocks its mailbox.
 */
@Component
public class IntakeFailures {

	private static final Logger log = LoggerFactory.getLogger(IntakeFailures.class);

	private final MessageLedger ledger;

	private final JdbcClient jdbc;

	private final IntakeProperties intake;

	public IntakeFailures(MessageLedger ledger, JdbcClient jdbc, IntakeProperties intake) {
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.intake = intake;
	}

	public void record(ReceivedMessage message, Exception cause) {
		var buildFailed = BuiltInBackground.BuildFailedException.among(cause);
		if (buildFailed.isPresent()) {
			// Guichet cannot read notes at all (start-up fails too): not this message's
			// fault, nothing is counted; the
			// poll stops and the message stays pending
			throw new IllegalStateException("Could not file " + message + ": " + buildFailed.get().getMessage(), cause);
		}
		var stored = jdbc.sql("select id from message where mailbox = :mailbox and location = :location")
			.param("mailbox", message.mailbox())
			.param("location", message.location())
			.query(java.util.UUID.class)
			.optional();
		if (stored.isEmpty()) {
			stored = storedWithoutHeaders(message);
		}
		if (stored.isEmpty()) {
			// not even stored: the database is the problem; the poll stops and the
			// message stays in its mailbox
			throw new IllegalStateException("Could not store " + message + ": " + MessageLedger.describe(cause), cause);
		}
		State state = ledger.recordFailure(stored.get(), cause, intake.maxAttempts());
		log.warn("{}: processing failed ({}), message {} is {}", message.mailbox(), MessageLedger.describe(cause),
				message.location(), state == State.QUARANTINED ? "QUARANTINED" : "kept for another attempt");
	}

	/**
	 * Issue #6: when the database refused the message because of something in its headers
	 * (not because it is down), the raw bytes alone are stored, so that the failure is
	 * counted and the message ends quarantined instead of stopping every poll of its
	 * mailbox. Empty when the database cannot store even that.
	 */
	private java.util.Optional<java.util.UUID> storedWithoutHeaders(ReceivedMessage message) {
		try {
			return java.util.Optional.of(ledger.record(message, Envelope.empty()).id());
		}
		catch (RuntimeException ex) {
			return java.util.Optional.empty();
		}
	}

}
