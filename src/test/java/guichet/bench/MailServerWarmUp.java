package guichet.bench;

import java.util.Date;
import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;

import guichet.support.Committee;
import guichet.support.TestMail;

/**
 * Warms the benchmark's mail server up before Guichet meets the burst. GreenMail runs in
 * the benchmark's JVM, and left cold, its JIT compiler spent 5.5 CPU-seconds compiling
 * GreenMail's append, FETCH and SMTP code during the N=1000 burst, on the two cores
 * Guichet is measured on (target/bench/mail-server-threads.txt). A production mail server
 * is a long-running, warm process. So, before Guichet starts, the burst's messages go
 * through the commands Guichet sends, in mailboxes of their own, which are then deleted:
 * Guichet never sees them.
 */
final class MailServerWarmUp {

	/**
	 * At most this many of the burst's messages go to the warm-up mailboxes (memory:
	 * GreenMail keeps them parsed).
	 */
	static final int MESSAGES = 4000;

	/** How many times the warm-up mailbox is read, in batches as Guichet reads. */
	static final int READS = 3;

	static final int BATCH = 200;

	/**
	 * At most this many mails received over SMTP, as Guichet's acknowledgements are (one
	 * per burst message).
	 */
	static final int SENT = 1000;

	private MailServerWarmUp() {
	}

	/**
	 * Puts the burst's messages (up to {@link #MESSAGES}) in warm-up mailboxes, reads
	 * them, and deletes them. Four mailboxes of at most 1000, as the committee's at
	 * N=1000: GreenMail's FETCH costs the square of the folder's size.
	 */
	static void run(GreenMail greenMail, List<BenchApplications.Copy> burst) throws Exception {
		List<String> mailboxes = List.of(1, 2, 3, 4).stream().map(i -> "warm-up-" + i + "@committee.example").toList();
		mailboxes.forEach(mailbox -> greenMail.setUser(mailbox, mailbox, Committee.PASSWORD));
		int messages = 0;
		for (BenchApplications.Copy copy : burst) {
			for (int i = 0; i < copy.mailboxes().size() && messages < MESSAGES; i++) {
				TestMail.appendRaw(greenMail, mailboxes.get(messages % mailboxes.size()), copy.raw(), new Date());
				messages++;
			}
		}
		for (String mailbox : mailboxes) {
			read(greenMail, mailbox, (messages + mailboxes.size() - 1) / mailboxes.size());
		}
		for (int i = 0; i < Math.min(SENT, burst.size()); i++) {
			GreenMailUtil.sendTextEmail(mailboxes.get(0), "guichet@committee.example", "Warm-up " + i,
					"Bonjour, nous avons bien reçu votre candidature.\r\n".repeat(20),
					greenMail.getSmtp().getServerSetup());
		}
		for (String mailbox : mailboxes) {
			greenMail.getUserManager().deleteUser(greenMail.getUserManager().getUser(mailbox));
		}
	}

	/**
	 * As Guichet reads a backlog: the UIDs, the sizes, then the bodies batch by batch;
	 * {@link #READS} times.
	 */
	private static void read(GreenMail greenMail, String mailbox, int messages) throws Exception {
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect("127.0.0.1", greenMail.getImap().getPort(), mailbox, Committee.PASSWORD);
		try {
			for (int read = 0; read < READS; read++) {
				IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
				folder.open(Folder.READ_ONLY);
				command(folder, "UID SEARCH UID 1:*");
				command(folder, "UID FETCH 1:" + messages + " (UID RFC822.SIZE)");
				for (int first = 1; first <= messages; first += BATCH) {
					String set = first + ":" + Math.min(messages, first + BATCH - 1);
					command(folder, "UID FETCH " + set + " (UID INTERNALDATE BODY.PEEK[])");
				}
				folder.close(false);
			}
		}
		finally {
			store.close();
		}
	}

	private static void command(IMAPFolder folder, String command) throws Exception {
		folder.doCommand(protocol -> {
			var responses = protocol.command(command, null);
			protocol.handleResult(responses[responses.length - 1]);
			return null;
		});
	}

}
