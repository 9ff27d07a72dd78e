package guichet.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which messages one poll of an IMAP folder reads, decided from numbers alone (UIDs,
 * sizes, the stored watermark) so that every case is tested without a mail server or a
 * database. What is new is what lies above the watermark and the ledger has not settled;
 * a poll takes at most {@code batch-size} messages and {@code batch-bytes} bytes of it,
 * and, once the intake has settled them, the watermark moves over the settled run at the
 * head of what the poll looked at, never over a message still pending.
 */
final class BatchPlan {

	/**
	 * How many messages ahead a poll asks for the sizes of, in one FETCH: a backlog's
	 * sizes are asked once, not once every few batches. Some 30 bytes of response and 70
	 * bytes of memory each, kept until fetched.
	 */
	static final int SIZES_AHEAD = 10_000;

	private final int batchSize;

	private final long batchBytes;

	BatchPlan(int batchSize, long batchBytes) {
		this.batchSize = batchSize;
		this.batchBytes = batchBytes;
	}

	static BatchPlan of(IntakeProperties intake) {
		return new BatchPlan(intake.batchSize(), intake.batchBytes().toBytes());
	}

	/** Why a poll reads from where it does. */
	enum Reading {

		/** The folder was never polled: from its first message. */
		FIRST_POLL,
		/** Above the stored watermark, as usual. */
		ABOVE_WATERMARK,
		/**
		 * The folder's UIDVALIDITY is not the one the watermark was set in: its UIDs mean
		 * other messages, so from the first message again; stored ones are recognised by
		 * the ledger.
		 */
		UIDVALIDITY_CHANGED,
		/**
		 * UIDNEXT is at or below the watermark: the server numbered its messages anew
		 * without changing UIDVALIDITY, so from the first message again, safely.
		 */
		UIDS_RESTARTED

	}

	/** Where a poll starts: it reads the UIDs above {@code watermark}. */
	record Start(long watermark, Reading reading) {
	}

	/**
	 * @param stored what the ledger holds for the mailbox
	 * @param uidValidity the folder's UIDVALIDITY now
	 * @param uidNext the folder's UIDNEXT now, 0 or less when the server did not say
	 */
	static Start start(MessageLedger.MailboxState stored, long uidValidity, long uidNext) {
		if (stored.uidValidity() == null) {
			return new Start(0, Reading.FIRST_POLL);
		}
		if (stored.uidValidity() != uidValidity) {
			return new Start(0, Reading.UIDVALIDITY_CHANGED);
		}
		long watermark = stored.watermark();
		if (watermark > 0 && uidNext > 0 && uidNext <= watermark) {
			return new Start(0, Reading.UIDS_RESTARTED);
		}
		return new Start(watermark, Reading.ABOVE_WATERMARK);
	}

	/**
	 * The UIDs this poll looks at: the first twice {@code batch-size} above the
	 * watermark, however large the backlog (issue #7): the ledger, sizes and bodies are
	 * asked for these only. A message left pending at the head of the window (a failing
	 * one, until max-attempts quarantines it) holds the window there for those polls.
	 * @param above the UIDs above the watermark, in UID order
	 */
	List<Long> window(List<Long> above) {
		return List.copyOf(above.subList(0, Math.min(above.size(), 2 * this.batchSize)));
	}

	/**
	 * The messages of the window the ledger has not settled, in UID order, at most
	 * {@code batch-size}.
	 */
	List<Long> unsettled(List<Long> window, Set<Long> settled) {
		return window.stream().filter(uid -> !settled.contains(uid)).limit(this.batchSize).toList();
	}

	/**
	 * The UIDs to ask the sizes of, or none when every unsettled message's size is known:
	 * the backlog's at once, up to {@link #SIZES_AHEAD}, since some servers (GreenMail)
	 * spend time in proportion to the square of the folder's size on every FETCH,
	 * whatever it asks for.
	 * @param above the UIDs above the watermark, in UID order
	 */
	static List<Long> sizesToAsk(List<Long> above, List<Long> unsettled, Set<Long> known) {
		if (known.containsAll(unsettled)) {
			return List.of();
		}
		return above.stream().filter(uid -> !known.contains(uid)).limit(SIZES_AHEAD).toList();
	}

	/**
	 * The unsettled messages to fetch now, in UID order: as many as fit in
	 * {@code batch-bytes}, and always the first, however large (a message over the limit
	 * must still be read, or it would block the mailbox). A message without a size has
	 * left the mailbox since it was listed.
	 */
	List<Long> toFetch(List<Long> unsettled, Map<Long, Long> sizeOf) {
		List<Long> toFetch = new ArrayList<>();
		long bytes = 0;
		for (Long uid : unsettled) {
			Long size = sizeOf.get(uid);
			if (size == null) {
				continue;
			}
			if (!toFetch.isEmpty() && bytes + size > this.batchBytes) {
				break;
			}
			toFetch.add(uid);
			bytes += size;
		}
		return toFetch;
	}

	/**
	 * Whether a POP3 poll, which learns each message's size by reading it, may read one
	 * more after {@code fetched} messages of {@code bytes} bytes in all.
	 */
	boolean hasRoomAfter(int fetched, long bytes) {
		return fetched < this.batchSize && bytes <= this.batchBytes;
	}

	/**
	 * Where the watermark goes once the intake is done: over the run of settled messages
	 * at the head of the window, and no further, so that a message still pending (fetched
	 * in this poll or not) is looked at again; none when the first one is not settled.
	 * @param window the UIDs the poll looked at, in UID order
	 */
	static OptionalLong watermarkAfter(List<Long> window, Set<Long> settled) {
		long watermark = -1;
		for (Long uid : window) {
			if (!settled.contains(uid)) {
				break;
			}
			watermark = uid;
		}
		return watermark >= 0 ? OptionalLong.of(watermark) : OptionalLong.empty();
	}

}
