package guichet.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.pop3.POP3Folder;

import guichet.intake.MailboxProperties.Mailbox;
import guichet.intake.Poll.Candidate;

import org.springframework.stereotype.Component;

/**
 * Reads a POP3 mailbox: every message is listed with its UIDL, and those the ledger has
 * not settled are read, within the batch limits. POP3 has no watermark and no flags; the
 * ledger alone says what is new, and after-processing can only delete.
 */
@Component
class Pop3Reading {

	private final MessageLedger ledger;

	private final BatchPlan plan;

	Pop3Reading(MessageLedger ledger, IntakeProperties intake) {
		this.ledger = ledger;
		this.plan = BatchPlan.of(intake);
	}

	Poll fetch(Store store, Mailbox mailbox) throws MessagingException {
		POP3Folder folder = (POP3Folder) store.getFolder("INBOX");
		folder.open(Folder.READ_ONLY);
		try {
			Message[] all = messagesWithUidls(folder);
			Map<String, Message> byLocation = new LinkedHashMap<>();
			for (Message message : all) {
				byLocation.put(ReceivedMessage.pop3Location(folder.getUID(message)), message);
			}
			Set<String> settled = this.ledger.settledLocations(mailbox.name(), byLocation.keySet());
			List<ReceivedMessage> fetched = new ArrayList<>();
			List<Candidate> candidates = new ArrayList<>();
			long bytes = 0;
			Instant fetchedAt = Instant.now();
			for (var entry : byLocation.entrySet()) {
				if (settled.contains(entry.getKey())) {
					candidates.add(new Candidate(entry.getKey(), null, false));
					continue;
				}
				if (!this.plan.hasRoomAfter(fetched.size(), bytes)) {
					continue;
				}
				byte[] raw = bytesOf(entry.getValue(), entry.getKey());
				bytes += raw.length;
				fetched.add(ReceivedMessage.fetched(mailbox.name(), entry.getKey(), null, null, raw, null, fetchedAt));
				candidates.add(new Candidate(entry.getKey(), null, true));
			}
			return new Poll(0, candidates, fetched, all.length);
		}
		finally {
			MailboxConnections.closeQuietly(folder, false);
		}
	}

	/** Applies the after-processing (DELETE or nothing) to the settled messages. */
	void finish(Store store, Mailbox mailbox, Set<String> settled) throws MessagingException {
		AfterProcessingActions.onPop3(store, mailbox, settled);
	}

	private static byte[] bytesOf(Message message, String location) throws MessagingException {
		var out = new ByteArrayOutputStream();
		try {
			message.writeTo(out);
		}
		catch (IOException ex) {
			throw new MessagingException("Could not read " + location, ex);
		}
		return out.toByteArray();
	}

	/**
	 * Every message of the open folder, with its UIDL fetched (one UIDL command for all).
	 */
	static Message[] messagesWithUidls(POP3Folder folder) throws MessagingException {
		Message[] all = folder.getMessages();
		FetchProfile profile = new FetchProfile();
		profile.add(UIDFolder.FetchProfileItem.UID);
		folder.fetch(all, profile);
		return all;
	}

}
