package guichet.intake;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.intake.MailboxProperties.AfterProcessing;
import guichet.intake.MailboxProperties.Mailbox;

import org.springframework.stereotype.Component;

/**
 * Reads what is new in a mailbox, in bulk, and, once the database has settled each
 * message, applies the mailbox's {@code after-processing}. What is new comes from the
 * ledger (UIDs above the watermark, checked message by message), never from the \Seen
 * flag, and bodies are fetched with {@code BODY.PEEK[]} so that reading changes no flag.
 */
@Component
public class MailboxReader {

	private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);

	/**
	 * For reading the headers of a message without INTERNALDATE; a Session looks its
	 * providers up when made.
	 */
	private static final Session PARSING_SESSION = Session.getInstance(new Properties());

	private final Mailboxes mailboxes;

	private final MessageLedger ledger;

	private final MailboxHealth health;

	private final IntakeProperties intake;

	private final MailboxConnections connections;

	/**
	 * How many messages ahead a poll asks for the sizes of, in one FETCH: a backlog's
	 * sizes are asked once, not once every few batches. Some 30 bytes of response and 70
	 * bytes of memory each, kept until fetched.
	 */
	static final int SIZES_AHEAD = 10_000;

	/** The sizes of messages not fetched yet, by mailbox ({@link #knownSizes}). */
	private final Map<String, KnownSizes> sizes = new ConcurrentHashMap<>();

	/**
	 * What the last poll of each mailbox looked at, for {@link #finish}; a hint only, the
	 * ledger is the truth.
	 */
	private final Map<String, Poll> polls = new ConcurrentHashMap<>();

	public MailboxReader(Mailboxes mailboxes, MessageLedger ledger, MailboxHealth health, IntakeProperties intake,
			MailboxConnections connections) {
		this.mailboxes = mailboxes;
		this.connections = connections;
		this.ledger = ledger;
		this.health = health;
		this.intake = intake;
	}

	/**
	 * One poll's view of a mailbox: the candidates above the watermark, in UID order, and
	 * which were fetched; the fetched messages are kept until {@link #finish} for
	 * {@link #deferred}. {@code waiting}: how many messages the poll saw above the
	 * watermark (POP3: in the mailbox), for the backlog metric.
	 */
	record Poll(long uidValidity, List<Candidate> candidates, List<ReceivedMessage> fetched, int waiting) {
	}

	record Candidate(String location, Long uid, boolean fetched) {
	}

	/**
	 * The messages of this mailbox that the ledger has not settled yet, fetched in one
	 * round trip per batch.
	 */
	public List<ReceivedMessage> fetchNew(String mailboxName) {
		Mailbox mailbox = mailboxes.named(mailboxName);
		health.pollStarted(mailboxName);
		try {
			List<ReceivedMessage> fetched = connections.withReconnect(mailbox, () -> sizes.remove(mailboxName),
					() -> mailbox.protocol().isImap() ? fetchImap(mailbox) : fetchPop3(mailbox));
			if (!fetched.isEmpty()) {
				log.debug("{}: fetched {} new message(s)", mailboxName, fetched.size());
			}
			return FilingOrder.of(fetched, mailboxes.all().indexOf(mailbox), mailboxes.all().size());
		}
		catch (MessagingException | RuntimeException ex) {
			health.pollFailed(mailboxName, ex);
			disconnect(mailboxName);
			throw new MailboxUnavailableException(mailboxName, ex);
		}
	}

	/**
	 * After the batch went through the intake: applies {@code after-processing} to the
	 * messages the database has settled (never before: a crash in between re-delivers
	 * them, and the ledger makes that a no-op) and moves the watermark over every settled
	 * UID.
	 * @return whether this poll settled a message or moved the watermark, so that the
	 * route polls again at once while mail waits
	 */
	public boolean finish(String mailboxName) {
		Mailbox mailbox = mailboxes.named(mailboxName);
		Poll poll = polls.remove(mailboxName);
		if (poll == null) {
			return false;
		}
		try {
			Set<String> settled = ledger.settledLocations(mailbox.name(),
					poll.candidates().stream().map(Candidate::location).toList());
			boolean watermarkMoved = connections.withReconnect(mailbox, () -> sizes.remove(mailboxName), () -> {
				if (mailbox.protocol().isImap()) {
					return finishImap(mailbox, poll, settled);
				}
				finishPop3(mailbox, poll, settled);
				return false;
			});
			int fetched = (int) poll.candidates().stream().filter(Candidate::fetched).count();
			int settledNow = (int) poll.candidates()
				.stream()
				.filter(c -> c.fetched() && settled.contains(c.location()))
				.count();
			health.backlog(mailboxName, Math.max(0, poll.waiting() - settled.size()));
			health.pollSucceeded(mailboxName, fetched, settledNow);
			return settledNow > 0 || watermarkMoved;
		}
		catch (MessagingException | RuntimeException ex) {
			health.pollFailed(mailboxName, ex);
			disconnect(mailboxName);
			throw new MailboxUnavailableException(mailboxName, ex);
		}
	}

	/**
	 * The messages of this poll that the intake deferred because another mailbox's route
	 * was filing the same application (pending, never failed): by the end of the batch
	 * that filing is done, and most of them merge.
	 */
	public List<ReceivedMessage> deferred(String mailboxName) {
		Poll poll = polls.get(mailboxName);
		if (poll == null || poll.fetched().isEmpty()) {
			return List.of();
		}
		Set<String> deferred = ledger.deferredLocations(mailboxName,
				poll.fetched().stream().map(ReceivedMessage::location).toList());
		return poll.fetched().stream().filter(message -> deferred.contains(message.location())).toList();
	}

	/**
	 * Records a poll whose intake failed (the database is down, say): nothing advances,
	 * the next poll tries again.
	 */
	public void abandon(String mailboxName, Exception cause) {
		polls.remove(mailboxName);
		health.pollFailed(mailboxName, cause);
	}

	// IMAP
	// -------------------------------------------------------------------------------------------------------

	private List<ReceivedMessage> fetchImap(Mailbox mailbox) throws MessagingException {
		IMAPFolder folder = (IMAPFolder) store(mailbox).getFolder(mailbox.folder());
		folder.open(Folder.READ_ONLY);
		try {
			long uidValidity = folder.getUIDValidity();
			MessageLedger.MailboxState state = ledger.stateOf(mailbox.name());
			long watermark = state.uidValidity() != null && state.uidValidity() == uidValidity ? state.watermark() : 0;
			if (watermark > 0 && folder.getUIDNext() > 0 && folder.getUIDNext() <= watermark) {
				// the server restarted its UIDs without changing UIDVALIDITY: read
				// everything again, safely
				log.warn("{}: UIDNEXT {} is below the watermark {}; re-scanning the folder", mailbox.name(),
						folder.getUIDNext(), watermark);
				watermark = 0;
				sizes.remove(mailbox.name());
			}
			if (state.uidValidity() != null && state.uidValidity() != uidValidity) {
				log.warn("{}: UIDVALIDITY changed from {} to {}; re-scanning, stored messages are recognised",
						mailbox.name(), state.uidValidity(), uidValidity);
			}
			// this poll looks at a window of the UIDs above the watermark: the server
			// lists their numbers, but the
			// ledger, sizes and bodies are asked for a window of twice the batch, however
			// large the backlog (issue
			// #7). A message left pending at the head of the window (a failing one, until
			// max-attempts quarantines
			// it) holds the window there for those polls.
			List<Long> above = uidsAbove(folder, watermark);
			List<Long> window = above.subList(0, Math.min(above.size(), 2 * intake.batchSize()));
			Map<Long, String> locations = new LinkedHashMap<>();
			window.forEach(uid -> locations.put(uid, ReceivedMessage.imapLocation(uidValidity, uid)));
			Set<String> settled = ledger.settledLocations(mailbox.name(), locations.values());
			List<Long> unsettled = window.stream()
				.filter(uid -> !settled.contains(locations.get(uid)))
				.limit(intake.batchSize())
				.toList();

			Map<Long, Long> sizeOf = knownSizes(mailbox, uidValidity, watermark);
			if (!sizeOf.keySet().containsAll(unsettled)) {
				// the sizes of the backlog at once: some servers (GreenMail) spend time
				// in proportion to the square of
				// the folder's size on every FETCH, whatever it asks for
				sizeOf.putAll(sizesOf(folder,
						above.stream().filter(uid -> !sizeOf.containsKey(uid)).limit(SIZES_AHEAD).toList()));
			}
			List<Long> toFetch = new ArrayList<>();
			long bytes = 0;
			for (Long uid : unsettled) {
				Long size = sizeOf.get(uid);
				if (size == null) {
					// gone from the mailbox since it was listed
					continue;
				}
				if (!toFetch.isEmpty() && bytes + size > intake.batchBytes().toBytes()) {
					break;
				}
				toFetch.add(uid);
				bytes += size;
			}
			List<ReceivedMessage> fetched = toFetch.isEmpty() ? List.of()
					: fetchBodies(folder, mailbox, uidValidity, toFetch);
			Set<Long> fetchedUids = fetched.stream().map(ReceivedMessage::uid).collect(Collectors.toSet());
			// in UID order; the watermark stops before the first one not settled, fetched
			// in this poll or not
			List<Candidate> candidates = new ArrayList<>();
			for (Long uid : window) {
				candidates.add(new Candidate(locations.get(uid), uid, fetchedUids.contains(uid)));
			}
			polls.put(mailbox.name(), new Poll(uidValidity, candidates, fetched, above.size()));
			return fetched;
		}
		finally {
			closeQuietly(folder, false);
		}
	}

	/**
	 * The sizes already asked for of this mailbox's messages above the watermark, by UID:
	 * a message's size never changes while its UIDVALIDITY stays. A hint kept in memory,
	 * for this poll and the next ones.
	 */
	private Map<Long, Long> knownSizes(Mailbox mailbox, long uidValidity, long watermark) {
		KnownSizes known = this.sizes.compute(mailbox.name(),
				(name, previous) -> (previous == null || previous.uidValidity() != uidValidity)
						? new KnownSizes(uidValidity, new java.util.TreeMap<>()) : previous);
		known.byUid().headMap(watermark + 1).clear();
		return known.byUid();
	}

	record KnownSizes(long uidValidity, java.util.TreeMap<Long, Long> byUid) {
	}

	/**
	 * The UIDs above the watermark, in order, in one round trip that carries nothing but
	 * the numbers.
	 */
	private static List<Long> uidsAbove(IMAPFolder folder, long watermark) throws MessagingException {
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
		java.util.Collections.sort(uids);
		return uids;
	}

	/**
	 * The size of each of these messages, by UID in UID order: in one round trip, or one
	 * per {@link #MAX_UID_SET_CHARACTERS} of UID set when the UIDs have many gaps.
	 */
	private static Map<Long, Long> sizesOf(IMAPFolder folder, List<Long> uids) throws MessagingException {
		Set<Long> asked = new java.util.HashSet<>(uids);
		Map<Long, Long> sizes = new java.util.TreeMap<>();
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
	 * The longest UID set sent in one command: RFC 7162 (section 4) asks clients to keep
	 * command lines to about 8000 octets, and some servers refuse longer ones (Dovecot's
	 * default limit is 64 KB).
	 */
	static final int MAX_UID_SET_CHARACTERS = 8000;

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
	static void command(IMAPFolder folder, String command, java.util.function.Predicate<Response> take)
			throws MessagingException {
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

	/**
	 * The bodies of these UIDs, exactly as the server holds them, with the server's
	 * receive time.
	 */
	private List<ReceivedMessage> fetchBodies(IMAPFolder folder, Mailbox mailbox, long uidValidity, List<Long> uids)
			throws MessagingException {
		Instant fetchedAt = Instant.now();
		List<ReceivedMessage> messages = new ArrayList<>();
		for (String uidSet : uidSets(uids)) {
			command(folder, "UID FETCH " + uidSet + " (UID INTERNALDATE BODY.PEEK[])", response -> {
				if (response instanceof FetchResponse fetch) {
					UID uid = fetch.getItem(UID.class);
					BODY body = fetch.getItem(BODY.class);
					if (uid != null && body != null) {
						INTERNALDATE internalDate = fetch.getItem(INTERNALDATE.class);
						byte[] raw = body.getByteArray().getNewBytes();
						messages.add(received(mailbox, ReceivedMessage.imapLocation(uidValidity, uid.uid), uidValidity,
								uid.uid, raw, internalDate == null ? null : internalDate.getDate(), fetchedAt));
						return true;
					}
				}
				return false;
			});
		}
		messages.sort(java.util.Comparator.comparing(ReceivedMessage::uid));
		return messages;
	}

	/**
	 * @return whether the watermark moved: the next window may hold more to do
	 */
	private boolean finishImap(Mailbox mailbox, Poll poll, Set<String> settled) throws MessagingException {
		List<Long> done = poll.candidates()
			.stream()
			.filter(c -> settled.contains(c.location()))
			.map(Candidate::uid)
			.toList();
		if (mailbox.afterProcessing() != AfterProcessing.KEEP && !done.isEmpty()) {
			applyAfterProcessing(mailbox, poll.uidValidity(), done);
		}
		long watermark = -1;
		for (Candidate candidate : poll.candidates()) {
			if (!settled.contains(candidate.location())) {
				break;
			}
			watermark = candidate.uid();
		}
		if (watermark >= 0) {
			// false when the settled prefix is below the stored watermark (a re-scan
			// after UIDNEXT went back), so
			// that such polls wait their interval instead of running back to back
			return ledger.advance(mailbox.name(), poll.uidValidity(), watermark);
		}
		if (ledger.stateOf(mailbox.name()).uidValidity() == null) {
			ledger.advance(mailbox.name(), poll.uidValidity(), 0);
		}
		return false;
	}

	private void applyAfterProcessing(Mailbox mailbox, long uidValidity, List<Long> uids) throws MessagingException {
		IMAPFolder folder = (IMAPFolder) store(mailbox).getFolder(mailbox.folder());
		folder.open(Folder.READ_WRITE);
		boolean expunge = false;
		try {
			if (folder.getUIDValidity() != uidValidity) {
				return;
			}
			Message[] messages = folder.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray());
			messages = java.util.Arrays.stream(messages).filter(java.util.Objects::nonNull).toArray(Message[]::new);
			if (messages.length == 0) {
				return;
			}
			switch (mailbox.afterProcessing()) {
				case MARK_SEEN -> folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
				case MOVE -> {
					Folder target = store(mailbox).getFolder(mailbox.moveTo());
					if (!target.exists()) {
						target.create(Folder.HOLDS_MESSAGES);
					}
					folder.copyMessages(messages, target);
					folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
					expunge = true;
				}
				case DELETE -> {
					folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
					expunge = true;
				}
				case KEEP -> {
				}
			}
		}
		finally {
			closeQuietly(folder, expunge);
		}
	}

	// POP3
	// -------------------------------------------------------------------------------------------------------

	private List<ReceivedMessage> fetchPop3(Mailbox mailbox) throws MessagingException {
		POP3Folder folder = (POP3Folder) store(mailbox).getFolder("INBOX");
		folder.open(Folder.READ_ONLY);
		try {
			Message[] all = messagesWithUidls(folder);
			Map<String, Message> byLocation = new LinkedHashMap<>();
			for (Message message : all) {
				byLocation.put(ReceivedMessage.pop3Location(folder.getUID(message)), message);
			}
			Set<String> settled = ledger.settledLocations(mailbox.name(), byLocation.keySet());
			List<ReceivedMessage> fetched = new ArrayList<>();
			List<Candidate> candidates = new ArrayList<>();
			long bytes = 0;
			Instant fetchedAt = Instant.now();
			for (var entry : byLocation.entrySet()) {
				if (settled.contains(entry.getKey())) {
					candidates.add(new Candidate(entry.getKey(), null, false));
					continue;
				}
				if (fetched.size() >= intake.batchSize() || bytes > intake.batchBytes().toBytes()) {
					continue;
				}
				var out = new ByteArrayOutputStream();
				try {
					entry.getValue().writeTo(out);
				}
				catch (java.io.IOException ex) {
					throw new MessagingException("Could not read " + entry.getKey(), ex);
				}
				byte[] raw = out.toByteArray();
				bytes += raw.length;
				fetched.add(received(mailbox, entry.getKey(), null, null, raw, null, fetchedAt));
				candidates.add(new Candidate(entry.getKey(), null, true));
			}
			polls.put(mailbox.name(), new Poll(0, candidates, fetched, all.length));
			return fetched;
		}
		finally {
			closeQuietly(folder, false);
		}
	}

	private void finishPop3(Mailbox mailbox, Poll poll, Set<String> settled) throws MessagingException {
		if (mailbox.afterProcessing() != AfterProcessing.DELETE || settled.isEmpty()) {
			return;
		}
		POP3Folder folder = (POP3Folder) store(mailbox).getFolder("INBOX");
		folder.open(Folder.READ_WRITE);
		try {
			for (Message message : messagesWithUidls(folder)) {
				if (settled.contains(ReceivedMessage.pop3Location(folder.getUID(message)))) {
					message.setFlag(Flags.Flag.DELETED, true);
				}
			}
		}
		finally {
			closeQuietly(folder, true);
		}
	}

	/**
	 * Every message of the open folder, with its UIDL fetched (one UIDL command for all).
	 */
	private static Message[] messagesWithUidls(POP3Folder folder) throws MessagingException {
		Message[] all = folder.getMessages();
		FetchProfile profile = new FetchProfile();
		profile.add(UIDFolder.FetchProfileItem.UID);
		folder.fetch(all, profile);
		return all;
	}

	// Connections
	// ------------------------------------------------------------------------------------------------

	private static ReceivedMessage received(Mailbox mailbox, String location, Long uidValidity, Long uid, byte[] raw,
			Date internalDate, Instant fetchedAt) {
		ReceptionTime reception;
		if (internalDate != null) {
			reception = new ReceptionTime(internalDate.toInstant(), ReceptionTime.Source.INTERNALDATE);
		}
		else {
			reception = ReceptionTime.fromHeaders(headersOnly(raw), fetchedAt);
		}
		return new ReceivedMessage(mailbox.name(), location, uidValidity, uid, raw, reception);
	}

	/**
	 * A message parsed for its headers (over a shared stream: its body is not copied), or
	 * an empty one for bytes that are not mail.
	 */
	static MimeMessage headersOnly(byte[] raw) {
		try {
			return new MimeMessage(PARSING_SESSION, new SharedByteArrayInputStream(raw));
		}
		catch (MessagingException ex) {
			return new MimeMessage(PARSING_SESSION);
		}
	}

	Store store(Mailbox mailbox) throws MessagingException {
		// a new connection may be to another server: forget the sizes learnt from the
		// last one
		return connections.store(mailbox, () -> sizes.remove(mailbox.name()));
	}

	private void disconnect(String mailboxName) {
		sizes.remove(mailboxName);
		connections.drop(mailboxes.named(mailboxName));
	}

	private static void closeQuietly(Folder folder, boolean expunge) {
		try {
			if (folder.isOpen()) {
				folder.close(expunge);
			}
		}
		catch (MessagingException | RuntimeException ex) {
			log.debug("Closing {} failed: {}", folder.getFullName(), ex.toString());
		}
	}

	/** Used by the start-up report and tests: the configured mailboxes. */
	public Collection<Mailbox> mailboxes() {
		return mailboxes.all();
	}

}
