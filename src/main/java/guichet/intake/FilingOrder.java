package guichet.intake;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import guichet.dedup.Envelope;

/**
 * The order in which one mailbox's route files the messages of a poll. Every committee
 * member's mailbox holds the same applications in the same order, so routes that all went
 * in UID order would reach the same application at the same instant, and all but one
 * would defer their copy to try again later (issue #7: more than half of the copies).
 * Each route starts instead with its own share of the applicants, then goes on to the
 * other routes' shares, which by then are mostly filed, so that its copies merge at once.
 * An applicant's messages stay in UID order, so that their versions are numbered as they
 * were received.
 */
final class FilingOrder {

	private FilingOrder() {
	}

	/**
	 * @param batch the poll's messages, in UID order
	 * @param route this mailbox's place among the mailboxes polled
	 * @param routes how many mailboxes are polled
	 */
	static List<ReceivedMessage> of(List<ReceivedMessage> batch, int route, int routes) {
		if (routes < 2 || batch.size() < 2) {
			return batch;
		}
		// stable: within one share, and so for one applicant, UID order is kept
		return batch.stream()
			.map(message -> new Placed(message, Math.floorMod(share(message, routes) - route, routes)))
			.sorted(Comparator.comparingInt(Placed::turn))
			.map(Placed::message)
			.toList();
	}

	/**
	 * The applicant's share: the same in every mailbox, whichever address the copy was
	 * sent to. The sender is read as the Clerk reads it (From, else Sender, leniently),
	 * so that two messages of one application always share.
	 */
	static int share(ReceivedMessage message, int routes) {
		return Math.floorMod(Objects.hashCode(senderOf(message.raw())), routes);
	}

	static String senderOf(byte[] raw) {
		try {
			return Envelope.senderOf(ReceivedMessage.headersOnly(raw));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private record Placed(ReceivedMessage message, int turn) {
	}

}
