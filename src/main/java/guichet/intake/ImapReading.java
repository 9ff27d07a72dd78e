package guichet.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.intake.MailboxProperties.Mailbox;
import guichet.intake.Poll.Candidate;

import org.springframework.stereotype.Component;

/**
 * Reads an IMAP folder as the {@link BatchPlan} says: the UIDs above the watermark, the
 * ledger asked which of a window of them are settled, the sizes of the rest, then their
 * bodies in one round trip per batch; and, once the intake is done, applies the
 * after-processing and moves the watermark. What is new never depends on the \Seen flag.
 */
@Component
class ImapReading {

	private static final Logger log = LoggerFactory.getLogger(ImapReading.class);

	private final MessageLedger ledger;

	private final BatchPlan plan;

	/** The sizes of messages not fetched yet, by mailbox ({@link #knownSizes}). */
	private final Map<String, KnownSizes> sizes = new ConcurrentHashMap<>();

	/** The UIDVALIDITY change last warned about, per mailbox. */
	private final Map<String, Long> warnedValidity = new ConcurrentHashMap<>();

	ImapReading(MessageLedger ledger, IntakeProperties intake) {
		this.ledger = ledger;
		this.plan = BatchPlan.of(intake);
	}

	Poll fetch(Store store, Mailbox mailbox) throws MessagingException {
		IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox.folder());
		folder.open(Folder.READ_ONLY);
		try {
			long uidValidity = folder.getUIDValidity();
			MessageLedger.MailboxState stored = this.ledger.stateOf(mailbox.name());
			BatchPlan.Start start = BatchPlan.start(stored, uidValidity, folder.getUIDNext());
			if (start.reading() == BatchPlan.Reading.UIDS_RESTARTED) {
				log.warn("{}: UIDNEXT {} is below the watermark {}; re-scanning the folder", mailbox.name(),
						folder.getUIDNext(), stored.watermark());
				forgetSizes(mailbox.name());
			}
			// said once per change: an empty folder (the embedded mail server after a
			// restart) keeps the stored value until mail comes, and is re-scanned each
			// poll
			if (start.reading() == BatchPlan.Reading.UIDVALIDITY_CHANGED
					&& !Long.valueOf(uidValidity).equals(this.warnedValidity.put(mailbox.name(), uidValidity))) {
				log.warn("{}: UIDVALIDITY changed from {} to {}; re-scanning, stored messages are recognised",
						mailbox.name(), stored.uidValidity(), uidValidity);
			}
			long watermark = start.watermark();
			List<Long> above = ImapCommands.uidsAbove(folder, watermark);
			List<Long> window = this.plan.window(above);
			Map<Long, String> locations = new LinkedHashMap<>();
			window.forEach(uid -> locations.put(uid, ReceivedMessage.imapLocation(uidValidity, uid)));
			List<Long> unsettled = this.plan.unsettled(window,
					settledUids(locations, this.ledger.settledLocations(mailbox.name(), locations.values())));

			Map<Long, Long> sizeOf = knownSizes(mailbox, uidValidity, watermark);
			List<Long> ask = BatchPlan.sizesToAsk(above, unsettled, sizeOf.keySet());
			if (!ask.isEmpty()) {
				sizeOf.putAll(ImapCommands.sizesOf(folder, ask));
			}
			List<Long> toFetch = this.plan.toFetch(unsettled, sizeOf);
			List<ReceivedMessage> fetched = new ArrayList<>();
			if (!toFetch.isEmpty()) {
				Instant fetchedAt = Instant.now();
				for (ImapCommands.Body body : ImapCommands.bodiesOf(folder, toFetch)) {
					fetched.add(ReceivedMessage.fetched(mailbox.name(),
							ReceivedMessage.imapLocation(uidValidity, body.uid()), uidValidity, body.uid(), body.raw(),
							body.internalDate(), fetchedAt));
				}
			}
			Set<Long> fetchedUids = new HashSet<>();
			fetched.forEach(message -> fetchedUids.add(message.uid()));
			List<Candidate> candidates = new ArrayList<>();
			for (Long uid : window) {
				candidates.add(new Candidate(locations.get(uid), uid, fetchedUids.contains(uid)));
			}
			return new Poll(uidValidity, candidates, fetched, above.size());
		}
		finally {
			MailboxConnections.closeQuietly(folder, false);
		}
	}

	private static Set<Long> settledUids(Map<Long, String> locations, Set<String> settled) {
		Set<Long> uids = new HashSet<>();
		locations.forEach((uid, location) -> {
			if (settled.contains(location)) {
				uids.add(uid);
			}
		});
		return uids;
	}

	/**
	 * Applies the after-processing to the settled candidates and moves the watermark over
	 * the settled run at the head of the window.
	 * @return whether the watermark moved: the next window may hold more to do
	 */
	boolean finish(Store store, Mailbox mailbox, Poll poll, Set<String> settled) throws MessagingException {
		List<Long> window = new ArrayList<>();
		Set<Long> settledUids = new HashSet<>();
		for (Candidate candidate : poll.candidates()) {
			window.add(candidate.uid());
			if (settled.contains(candidate.location())) {
				settledUids.add(candidate.uid());
			}
		}
		AfterProcessingActions.onImap(store, mailbox, poll.uidValidity(),
				window.stream().filter(settledUids::contains).toList());
		OptionalLong watermark = BatchPlan.watermarkAfter(window, settledUids);
		if (watermark.isPresent()) {
			// false when the settled run is below the stored watermark (a re-scan after
			// UIDNEXT went back), so that such polls wait their interval instead of
			// running back to back
			return this.ledger.advance(mailbox.name(), poll.uidValidity(), watermark.getAsLong());
		}
		if (this.ledger.stateOf(mailbox.name()).uidValidity() == null) {
			// a first poll with nothing settled still records the folder's UIDVALIDITY
			this.ledger.advance(mailbox.name(), poll.uidValidity(), 0);
		}
		return false;
	}

	/**
	 * The sizes already asked for of this mailbox's messages above the watermark, by UID:
	 * a message's size never changes while its UIDVALIDITY stays. A hint kept in memory,
	 * for this poll and the next ones.
	 */
	private Map<Long, Long> knownSizes(Mailbox mailbox, long uidValidity, long watermark) {
		KnownSizes known = this.sizes.compute(mailbox.name(),
				(name, previous) -> (previous == null || previous.uidValidity() != uidValidity)
						? new KnownSizes(uidValidity, new TreeMap<>()) : previous);
		known.byUid().headMap(watermark + 1).clear();
		return known.byUid();
	}

	/**
	 * Forgets the sizes learnt of a mailbox: a new connection may be to another server.
	 */
	void forgetSizes(String mailboxName) {
		this.sizes.remove(mailboxName);
	}

	private record KnownSizes(long uidValidity, TreeMap<Long, Long> byUid) {
	}

}
