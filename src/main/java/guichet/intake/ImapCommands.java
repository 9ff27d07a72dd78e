package guichet.intake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

/**
 * The IMAP commands a poll sends that Angus's folder API has no method for, or sends one
 * message at a time: each asks for a whole batch in one round trip.
 */
final class ImapCommands {

	/**
	 * The longest UID set sent in one command: RFC 7162 (section 4) asks clients to keep
	 * command lines to about 8000 octets, and some servers refuse longer ones (Dovecot's
	 * default limit is 64 KB).
	 */
	static final int MAX_UID_SET_CHARACTERS = 8000;

	private ImapCommands() {
	}

	/** A message's bytes exactly as the server holds them, and its INTERNALDATE. */
	record Body(long uid, byte[] raw, Date internalDate) {
	}

	/**
	 * The UIDs above the watermark, in order, in one round trip that carries nothing but
	 * the numbers.
	 */
	static List<Long> uidsAbove(IMAPFolder folder, long watermark) throws MessagingException {
		if (folder.getMessageCount() == 0) {
			return List.of();
		}
		List<Long> uids = new ArrayList<>();
		command(folder, "UID SEARCH UID " + (watermark + 1) + ":*", response -> {
			if (response instanceof IMAPResponse untagged && untagged.keyEquals("SEARCH")) {
				for (long uid; (uid = untagged.readLong()) != -1;) {
					// "n:*" always names the last message, even below n
					if (uid > watermark) {
						uids.add(uid);
					}
				}
			}
			return false;
		});
		Collections.sort(uids);
		return uids;
	}

	/**
	 * The size of each of these messages, by UID in UID order: in one round trip, or one
	 * per {@link #MAX_UID_SET_CHARACTERS} of UID set when the UIDs have many gaps.
	 */
	static Map<Long, Long> sizesOf(IMAPFolder folder, List<Long> uids) throws MessagingException {
		Set<Long> asked = new HashSet<>(uids);
		Map<Long, Long> sizes = new TreeMap<>();
		for (String uidSet : uidSets(uids)) {
			command(folder, "UID FETCH " + uidSet + " (UID RFC822.SIZE)", response -> {
				if (response instanceof FetchResponse fetch) {
					UID uid = fetch.getItem(UID.class);
					RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
					// only what was asked: a server may add unsolicited FETCH responses
					// (flag changes) with a UID
					if (uid != null && size != null && asked.contains(uid.uid)) {
						sizes.put(uid.uid, size.size);
					}
				}
				return false;
			});
		}
		return sizes;
	}

	/**
	 * The bodies of these UIDs, in UID order, with {@code BODY.PEEK[]} so that reading
	 * changes no flag.
	 */
	static List<Body> bodiesOf(IMAPFolder folder, List<Long> uids) throws MessagingException {
		List<Body> bodies = new ArrayList<>();
		for (String uidSet : uidSets(uids)) {
			command(folder, "UID FETCH " + uidSet + " (UID INTERNALDATE BODY.PEEK[])", response -> {
				if (response instanceof FetchResponse fetch) {
					UID uid = fetch.getItem(UID.class);
					BODY body = fetch.getItem(BODY.class);
					if (uid != null && body != null) {
						INTERNALDATE internalDate = fetch.getItem(INTERNALDATE.class);
						bodies.add(new Body(uid.uid, body.getByteArray().getNewBytes(),
								internalDate == null ? null : internalDate.getDate()));
						return true;
					}
				}
				return false;
			});
		}
		bodies.sort(java.util.Comparator.comparingLong(Body::uid));
		return bodies;
	}

	/**
	 * These UIDs as IMAP ranges ("101:300" rather than 200 numbers: a server checks each
	 * message against each range of the set, so a long list costs it time in proportion
	 * to the whole folder times the batch), split into sets of at most
	 * {@link #MAX_UID_SET_CHARACTERS}: most often one.
	 */
	static List<String> uidSets(List<Long> uids) {
		List<String> sets = new ArrayList<>();
		StringBuilder set = new StringBuilder();
		for (UIDSet range : UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).sorted().toArray())) {
			String text = (range.start == range.end) ? Long.toString(range.start) : range.start + ":" + range.end;
			if (set.length() > 0 && set.length() + 1 + text.length() > MAX_UID_SET_CHARACTERS) {
				sets.add(set.toString());
				set.setLength(0);
			}
			set.append(set.length() > 0 ? "," : "").append(text);
		}
		if (set.length() > 0) {
			sets.add(set.toString());
		}
		return sets;
	}

	/**
	 * Sends one IMAP command the folder's API has no method for, hands each response to
	 * {@code take}, then lets Angus handle the untagged ones (EXISTS, EXPUNGE) and fail
	 * on a NO or BAD. A response {@code take} returns true for is dropped once taken (as
	 * Angus's own fetch does), so that a message's bytes are held once, not twice, while
	 * a batch is copied out of the responses.
	 */
	static void command(IMAPFolder folder, String command, Predicate<Response> take) throws MessagingException {
		folder.doCommand(protocol -> {
			Response[] responses = protocol.command(command, null);
			int result = responses.length - 1;
			for (int i = 0; i < responses.length; i++) {
				if (take.test(responses[i]) && i != result) {
					responses[i] = null;
				}
			}
			protocol.notifyResponseHandlers(responses);
			protocol.handleResult(responses[result]);
			return null;
		});
	}

}
