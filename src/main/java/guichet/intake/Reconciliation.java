package guichet.intake;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetHeaders;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.pop3.POP3Folder;

import guichet.dedup.SubmissionKey;
import guichet.intake.MailboxProperties.AfterProcessing;
import guichet.intake.MailboxProperties.Mailbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Proves that nothing in a mailbox was missed (GET /api/mailboxes/{name}/reconciliation):
 * compares what the mailbox holds now with what the ledger recorded, reading only UIDs,
 * sizes and Message-IDs, in one bulk FETCH (no bodies). A message the mailbox holds is
 * recorded when the ledger has its place (UIDVALIDITY and UID, or UIDL) or, after a
 * UIDVALIDITY change not yet re-scanned, the same Message-ID.
 */
@Component
public class Reconciliation {

	/**
	 * At most this many messages are listed in each part of a report; the counts are
	 * always complete.
	 */
	static final int LISTED = 1000;

	private final Mailboxes mailboxes;

	private final MailboxReader reader;

	private final MessageLedger ledger;

	private final JdbcClient jdbc;

	Reconciliation(Mailboxes mailboxes, MailboxReader reader, MessageLedger ledger, JdbcClient jdbc) {
		this.mailboxes = mailboxes;
		this.reader = reader;
		this.ledger = ledger;
		this.jdbc = jdbc;
	}

	/** One message as the mailbox holds it: only its place, size and Message-ID. */
	public record Held(String location, Long uid, long size, String messageId) {
	}

	public record Unrecorded(String location, Long uid, long size, String messageId, String reason) {
	}

	public record Gone(String location, String messageId, String state, Instant receivedAt, String reason) {
	}

	public record UidValidity(Long mailbox, Long recorded, boolean changed, String handling) {
	}

	/**
	 * @param complete whether every message the mailbox held when the last poll ran is
	 * recorded: unrecorded ones are only those that arrived since (above the watermark)
	 */
	public record Report(String mailbox, String protocol, String folder, Instant checkedAt, UidValidity uidValidity,
			Long watermark, int inMailbox, int recordedInMailbox, int pending, boolean complete, int unrecordedCount,
			List<Unrecorded> unrecorded, int goneCount, List<Gone> gone) {
	}

	private record Ledgered(String location, Long uidValidity, Long uid, long size, String messageId,
			MessageLedger.State state, Instant receivedAt) {
	}

	/**
	 * @throws java.util.NoSuchElementException for an unknown mailbox
	 */
	public Report reconcile(String mailboxName) throws MessagingException {
		Mailbox mailbox = mailboxes.named(mailboxName);
		Instant checkedAt = Instant.now();
		MessageLedger.MailboxState state = ledger.stateOf(mailbox.name());
		List<Ledgered> recorded = jdbc.sql("""
				select location, uid_validity, uid, size, message_id, state, received_at from message
				where mailbox = :mailbox
				""")
			.param("mailbox", mailbox.name())
			.query((rs, n) -> new Ledgered(rs.getString("location"), (Long) rs.getObject("uid_validity"),
					(Long) rs.getObject("uid"), rs.getLong("size"), rs.getString("message_id"),
					MessageLedger.State.valueOf(rs.getString("state")), rs.getTimestamp("received_at").toInstant()))
			.list();
		return mailbox.protocol().isImap() ? reconcileImap(mailbox, state, recorded, checkedAt)
				: reconcilePop3(mailbox, recorded, checkedAt);
	}

	private Report reconcileImap(Mailbox mailbox, MessageLedger.MailboxState state, List<Ledgered> recorded,
			Instant checkedAt) throws MessagingException {
		IMAPFolder folder = (IMAPFolder) reader.store(mailbox).getFolder(mailbox.folder());
		folder.open(Folder.READ_ONLY);
		long uidValidity;
		List<Held> held;
		try {
			uidValidity = folder.getUIDValidity();
			held = heldImap(folder, uidValidity);
		}
		finally {
			folder.close(false);
		}
		boolean changed = state.uidValidity() != null && state.uidValidity() != uidValidity;
		String handling = state.uidValidity() == null ? "never polled"
				: !changed ? "unchanged"
						: "changed since the last poll: the next poll reads the folder again and recognises stored "
								+ "messages by their bytes; until then they are matched by Message-ID";
		long watermark = changed ? 0 : state.watermark();
		Map<String, Ledgered> byLocation = new HashMap<>();
		Map<String, Ledgered> byMessageId = new HashMap<>();
		for (Ledgered entry : recorded) {
			byLocation.put(entry.location(), entry);
			if (entry.messageId() != null) {
				byMessageId.put(entry.messageId(), entry);
			}
		}
		List<Unrecorded> unrecorded = new ArrayList<>();
		Set<String> matched = new HashSet<>();
		int pending = 0;
		// a message below the watermark that was never recorded is one the polls will
		// not look for again: the only case where the check is not complete
		boolean missedBelowWatermark = false;
		for (Held message : held) {
			Ledgered entry = byLocation.get(message.location());
			if (entry == null && changed && message.messageId() != null) {
				// sizes are not compared: some servers count them differently from the
				// bytes they serve
				entry = byMessageId.get(message.messageId());
			}
			if (entry != null) {
				matched.add(entry.location());
				if (entry.state() == MessageLedger.State.PENDING) {
					pending++;
				}
				continue;
			}
			missedBelowWatermark |= !changed && message.uid() <= watermark;
			String reason = changed ? "not recorded under the old UIDVALIDITY either: new since the last poll"
					: message.uid() > watermark
							? "arrived after the last poll, or is waiting in the backlog (above the watermark)"
							: "below the watermark yet not recorded: report this, the next poll does not look there";
			unrecorded
				.add(new Unrecorded(message.location(), message.uid(), message.size(), message.messageId(), reason));
		}
		List<Gone> gone = gone(mailbox, recorded, matched);
		boolean complete = !missedBelowWatermark;
		return new Report(mailbox.name(), mailbox.protocol().store(), mailbox.folder(), checkedAt,
				new UidValidity(uidValidity, state.uidValidity(), changed, handling), state.watermark(), held.size(),
				matched.size(), pending, complete, unrecorded.size(), limit(unrecorded), gone.size(), limit(gone));
	}

	/**
	 * Each message's UID, size and Message-ID, in one FETCH of the whole folder, without
	 * bodies.
	 */
	private static List<Held> heldImap(IMAPFolder folder, long uidValidity) throws MessagingException {
		List<Held> held = new ArrayList<>();
		if (folder.getMessageCount() == 0) {
			return held;
		}
		ImapCommands.command(folder, "UID FETCH 1:* (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])",
				response -> {
					if (response instanceof FetchResponse fetch) {
						UID uid = fetch.getItem(UID.class);
						RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
						BODY header = fetch.getItem(BODY.class);
						if (uid != null && size != null) {
							held.add(new Held(ReceivedMessage.imapLocation(uidValidity, uid.uid), uid.uid, size.size,
									header == null ? null : messageId(header.getByteArray().getNewBytes())));
							return true;
						}
					}
					return false;
				});
		return held;
	}

	private Report reconcilePop3(Mailbox mailbox, List<Ledgered> recorded, Instant checkedAt)
			throws MessagingException {
		POP3Folder folder = (POP3Folder) reader.store(mailbox).getFolder("INBOX");
		folder.open(Folder.READ_ONLY);
		List<Held> held = new ArrayList<>();
		try {
			Message[] all = folder.getMessages();
			FetchProfile profile = new FetchProfile();
			profile.add(UIDFolder.FetchProfileItem.UID);
			profile.add(FetchProfile.Item.SIZE);
			folder.fetch(all, profile);
			for (Message message : all) {
				held.add(new Held(ReceivedMessage.pop3Location(folder.getUID(message)), null, message.getSize(), null));
			}
		}
		finally {
			folder.close(false);
		}
		Set<String> locations = new HashSet<>();
		recorded.forEach(entry -> locations.add(entry.location()));
		Map<String, MessageLedger.State> states = new HashMap<>();
		recorded.forEach(entry -> states.put(entry.location(), entry.state()));
		List<Unrecorded> unrecorded = new ArrayList<>();
		Set<String> matched = new HashSet<>();
		int pending = 0;
		for (Held message : held) {
			if (locations.contains(message.location())) {
				matched.add(message.location());
				pending += states.get(message.location()) == MessageLedger.State.PENDING ? 1 : 0;
			}
			else {
				unrecorded.add(new Unrecorded(message.location(), null, message.size(), null,
						"not recorded: arrived after the last poll, or is waiting in the backlog"));
			}
		}
		List<Gone> gone = gone(mailbox, recorded, matched);
		return new Report(mailbox.name(), mailbox.protocol().store(), "INBOX", checkedAt,
				new UidValidity(null, null, false, "POP3 has none: messages are known by UIDL"), null, held.size(),
				matched.size(), pending, true, unrecorded.size(), limit(unrecorded), gone.size(), limit(gone));
	}

	/** Recorded, but no longer in the mailbox: Guichet still holds their bytes. */
	private static List<Gone> gone(Mailbox mailbox, List<Ledgered> recorded, Set<String> matched) {
		boolean removedByGuichet = mailbox.afterProcessing() == AfterProcessing.MOVE
				|| mailbox.afterProcessing() == AfterProcessing.DELETE;
		List<Gone> gone = new ArrayList<>();
		for (Ledgered entry : recorded) {
			if (matched.contains(entry.location())) {
				continue;
			}
			String reason = removedByGuichet && entry.state() != MessageLedger.State.PENDING
					? "removed by Guichet itself (after-processing " + mailbox.afterProcessing() + ")"
					: "deleted or moved in the mailbox by someone else; Guichet still holds the message";
			gone.add(new Gone(entry.location(), entry.messageId(), entry.state().name(), entry.receivedAt(), reason));
		}
		return gone;
	}

	private static String messageId(byte[] headerBytes) {
		try {
			InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(headerBytes));
			return SubmissionKey.normaliseMessageId(headers.getHeader("Message-ID", null));
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	private static <T> List<T> limit(List<T> items) {
		return items.size() <= LISTED ? items : items.subList(0, LISTED);
	}

}
