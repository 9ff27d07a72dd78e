package guichet.intake;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.intake.MailboxProperties.Mailbox;
import guichet.intake.Poll.Candidate;

import org.springframework.stereotype.Component;

/**
 * The steps of the {@code mailbox} route: fetch what is new in a mailbox, in bulk, give
 * back what the intake deferred, and, once the database has settled each message, finish
 * (after-processing and watermark). What is new comes from the ledger (UIDs above the
 * watermark, checked message by message), never from the \Seen flag; IMAP and POP3 are
 * read by {@link ImapReading} and {@link Pop3Reading}, what a poll takes is decided by
 * {@link BatchPlan}, and the mailbox's health records each poll.
 */
@Component
public class MailboxReader {

	private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);

	private final Mailboxes mailboxes;

	private final MessageLedger ledger;

	private final MailboxHealth health;

	private final MailboxConnections connections;

	private final ImapReading imap;

	private final Pop3Reading pop3;

	/**
	 * What the last poll of each mailbox looked at, for {@link #finish}; a hint only, the
	 * ledger is the truth.
	 */
	private final Map<String, Poll> polls = new ConcurrentHashMap<>();

	MailboxReader(Mailboxes mailboxes, MessageLedger ledger, MailboxHealth health, MailboxConnections connections,
			ImapReading imap, Pop3Reading pop3) {
		this.mailboxes = mailboxes;
		this.ledger = ledger;
		this.health = health;
		this.connections = connections;
		this.imap = imap;
		this.pop3 = pop3;
	}

	/**
	 * The messages of this mailbox that the ledger has not settled yet, fetched in one
	 * round trip per batch.
	 */
	public List<ReceivedMessage> fetchNew(String mailboxName) {
		Mailbox mailbox = this.mailboxes.named(mailboxName);
		this.health.pollStarted(mailboxName);
		try {
			Poll poll = this.connections.withReconnect(mailbox, () -> this.imap.forgetSizes(mailboxName),
					() -> mailbox.protocol().isImap() ? this.imap.fetch(store(mailbox), mailbox)
							: this.pop3.fetch(store(mailbox), mailbox));
			this.polls.put(mailboxName, poll);
			List<ReceivedMessage> fetched = poll.fetched();
			if (!fetched.isEmpty()) {
				log.debug("{}: fetched {} new message(s)", mailboxName, fetched.size());
			}
			return FilingOrder.of(fetched, this.mailboxes.all().indexOf(mailbox), this.mailboxes.all().size());
		}
		catch (MessagingException | RuntimeException ex) {
			throw unavailable(mailboxName, ex);
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
		Mailbox mailbox = this.mailboxes.named(mailboxName);
		Poll poll = this.polls.remove(mailboxName);
		if (poll == null) {
			return false;
		}
		try {
			Set<String> settled = this.ledger.settledLocations(mailbox.name(),
					poll.candidates().stream().map(Candidate::location).toList());
			boolean watermarkMoved = this.connections.withReconnect(mailbox, () -> this.imap.forgetSizes(mailboxName),
					() -> {
						if (mailbox.protocol().isImap()) {
							return this.imap.finish(store(mailbox), mailbox, poll, settled);
						}
						this.pop3.finish(store(mailbox), mailbox, settled);
						return false;
					});
			int settledNow = (int) poll.candidates()
				.stream()
				.filter(c -> c.fetched() && settled.contains(c.location()))
				.count();
			this.health.backlog(mailboxName, Math.max(0, poll.waiting() - settled.size()));
			this.health.pollSucceeded(mailboxName, poll.fetchedCount(), settledNow);
			return settledNow > 0 || watermarkMoved;
		}
		catch (MessagingException | RuntimeException ex) {
			throw unavailable(mailboxName, ex);
		}
	}

	/**
	 * The messages of this poll that the intake deferred because another mailbox's route
	 * was filing the same application (pending, never failed): by the end of the batch
	 * that filing is done, and most of them merge.
	 */
	public List<ReceivedMessage> deferred(String mailboxName) {
		Poll poll = this.polls.get(mailboxName);
		if (poll == null || poll.fetched().isEmpty()) {
			return List.of();
		}
		Set<String> deferred = this.ledger.deferredLocations(mailboxName,
				poll.fetched().stream().map(ReceivedMessage::location).toList());
		return poll.fetched().stream().filter(message -> deferred.contains(message.location())).toList();
	}

	/**
	 * Records a poll whose intake failed (the database is down, say): nothing advances,
	 * the next poll tries again.
	 */
	public void abandon(String mailboxName, Exception cause) {
		this.polls.remove(mailboxName);
		this.health.pollFailed(mailboxName, cause);
	}

	/** Used by the start-up report and tests: the configured mailboxes. */
	public Collection<Mailbox> mailboxes() {
		return this.mailboxes.all();
	}

	/** The mailbox's open connection (also {@link Reconciliation}'s). */
	Store store(Mailbox mailbox) throws MessagingException {
		// a new connection may be to another server: forget the sizes learnt from the
		// last one
		return this.connections.store(mailbox, () -> this.imap.forgetSizes(mailbox.name()));
	}

	/** A failed poll: health says why, and the next poll starts on a new connection. */
	private MailboxUnavailableException unavailable(String mailboxName, Exception ex) {
		this.health.pollFailed(mailboxName, ex);
		this.imap.forgetSizes(mailboxName);
		this.connections.drop(this.mailboxes.named(mailboxName));
		return new MailboxUnavailableException(mailboxName, ex);
	}

}
