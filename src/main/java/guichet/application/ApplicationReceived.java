package guichet.application;

import java.util.UUID;

/**
 * A new submission was filed: a first application ({@code version == 1}) or a new version
 * of one. Published inside the transaction that stored it, so that what listens (the
 * acknowledgement's outbox row) commits with it or not at all.
 */
public record ApplicationReceived(UUID applicationId, UUID submissionId, int version) {

	public boolean isResubmission() {
		return version > 1;
	}

}
