package guichet.application;

import java.util.UUID;

/** What became of one received message. */
public record Filing(Outcome outcome, UUID messageId, UUID applicationId, UUID submissionId, String reason) {

	public enum Outcome {

		/** A new application, or a new version of one. */
		NEW_SUBMISSION,
		/** Another copy of a submission already filed. */
		COPY,
		/**
		 * Belongs to an application without being a version of it: the applicant's reply
		 * to Guichet's acknowledgement, or a later message without a note (issue #17).
		 * Never judged, never acknowledged.
		 */
		CORRESPONDENCE,
		/** Not an application (auto-reply, bounce, list, Guichet's own mail). */
		IGNORED,
		/** Kept for an admin: too large, unreadable as mail, no sender. */
		QUARANTINED,
		/** Already settled earlier: fetching it again changed nothing. */
		ALREADY_FILED,
		/**
		 * Left pending for the next poll: another route was filing the same application
		 * at that instant.
		 */
		DEFERRED

	}

	static Filing of(Outcome outcome, UUID messageId) {
		return new Filing(outcome, messageId, null, null, null);
	}

}
