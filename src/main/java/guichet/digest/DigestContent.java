package guichet.digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import guichet.application.Flag;
import guichet.deadline.DeadlineStatus;

/**
 * What one digest says: the applications new or changed since the previous digest, and
 * the totals so far.
 *
 * @param since the end of the previous digest's period, or {@code null} for the first
 * digest
 * @param until the end of this digest's period
 */
record DigestContent(Instant since, Instant until, List<Entry> entries, Totals totals) {

	/**
	 * One application as the committee needs it to judge it; every text comes from the
	 * applicant, unescaped.
	 */
	/**
	 * @param receivedAt when the application first reached a committee mailbox (the
	 * list's order)
	 * @param latestReceivedAt when its latest version did: what its deadline is judged on
	 */
	record Entry(java.util.UUID applicationId, String applicantName, String applicantEmail, String subject,
			Instant receivedAt, Instant latestReceivedAt, String language, Instant deadline,
			DeadlineStatus deadlineStatus, String noteFilename, Integer notePageCount, List<Flag> flags, String excerpt,
			int copies, List<String> missingCommittee, int version) {
	}

	/** Every application so far, not only this digest's. */
	record Totals(int applications, Map<String, Integer> byLanguage, int onTime, int late, Map<Flag, Integer> byFlag) {
	}

}
