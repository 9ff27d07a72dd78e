package guichet.intake;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.pop3.POP3Folder;

import guichet.intake.MailboxProperties.AfterProcessing;
import guichet.intake.MailboxProperties.Mailbox;

/**
 * What a mailbox's {@code after-processing} does to the messages the database has settled
 * (never before: a crash in between re-delivers them, and the ledger makes that a no-op):
 * nothing (KEEP), mark them seen, move them to {@code move-to}, or delete them. POP3 can
 * only delete ({@link AfterProcessingPossible}).
 */
final class AfterProcessingActions {

	private AfterProcessingActions() {
	}

	/**
	 * Applies the mailbox's after-processing to these UIDs of its folder, if the folder
	 * is still the one of this UIDVALIDITY; UIDs gone from it are skipped.
	 */
	static void onImap(Store store, Mailbox mailbox, long uidValidity, List<Long> uids) throws MessagingException {
		if (mailbox.afterProcessing() == AfterProcessing.KEEP || uids.isEmpty()) {
			return;
		}
		IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox.folder());
		folder.open(Folder.READ_WRITE);
		boolean expunge = false;
		try {
			if (folder.getUIDValidity() != uidValidity) {
				return;
			}
			Message[] messages = folder.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray());
			messages = Arrays.stream(messages).filter(Objects::nonNull).toArray(Message[]::new);
			if (messages.length == 0) {
				return;
			}
			switch (mailbox.afterProcessing()) {
				case MARK_SEEN -> folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
				case MOVE -> {
					Folder target = store.getFolder(mailbox.moveTo());
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
			MailboxConnections.closeQuietly(folder, expunge);
		}
	}

	/** Deletes the settled messages from the POP3 mailbox, if it is set to DELETE. */
	static void onPop3(Store store, Mailbox mailbox, Set<String> settled) throws MessagingException {
		if (mailbox.afterProcessing() != AfterProcessing.DELETE || settled.isEmpty()) {
			return;
		}
		POP3Folder folder = (POP3Folder) store.getFolder("INBOX");
		folder.open(Folder.READ_WRITE);
		try {
			for (Message message : Pop3Reading.messagesWithUidls(folder)) {
				if (settled.contains(ReceivedMessage.pop3Location(folder.getUID(message)))) {
					message.setFlag(Flags.Flag.DELETED, true);
				}
			}
		}
		finally {
			MailboxConnections.closeQuietly(folder, true);
		}
	}

}
