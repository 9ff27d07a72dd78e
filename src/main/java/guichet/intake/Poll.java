package guichet.intake;

import java.util.List;

/**
 * One poll's view of a mailbox, kept from {@code fetchNew} to {@code finish}: the
 * candidates it looked at (IMAP: the window above the watermark, in UID order), which of
 * them it fetched, and the fetched messages, for {@code deferred}. A hint only: the
 * ledger is the truth.
 *
 * @param uidValidity the folder's UIDVALIDITY (IMAP), 0 for POP3
 * @param waiting how many messages the poll saw above the watermark (POP3: in the
 * mailbox), for the backlog metric
 */
record Poll(long uidValidity, List<Candidate> candidates, List<ReceivedMessage> fetched, int waiting) {

	/**
	 * @param uid the IMAP UID, {@code null} for POP3
	 */
	record Candidate(String location, Long uid, boolean fetched) {
	}

	int fetchedCount() {
		return (int) this.candidates.stream().filter(Candidate::fetched).count();
	}

}
