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
 * Warms the benchmark's mail server up before Guichet meets the burst. GreenMail runs in the benchmark's JVM, and left
 * cold, its JIT compiler spent 5.5 CPU-seconds compiling GreenMail's append, FETCH and SMTP code during the N=1000
 * burst, on the two cores Guichet is measured on (target/bench/mail-server-threads.txt). A production mail server is
 * a long-running, warm process. So, before Guichet starts, the burst's messages go through the commands Guichet sends,
 * in a mailbox of their own, which is then deleted: Guichet never sees them.
 */
final class MailServerWarmUp {

	static final String MAILBOX = "warm-up@committee.example";

	/** At most this many of the burst's messages are put in the warm-up mailbox (memory: GreenMail keeps them parsed). */
	static final int MESSAGES = 4000;

	/** How many times the warm-up mailbox is read, in batches as Guichet reads. */
	static final int READS = 3;

	static final int BATCH = 200;

	/** At most this many mails received over SMTP, as Guichet's acknowledgements are (one per burst message). */
	static final int SENT = 1000;

	private MailServerWarmUp() {
	}

	/** Puts the burst's messages (up to {@link #MESSAGES}) in the warm-up mailbox, reads them, and deletes it. */
	static void run(GreenMail greenMail, List<BenchApplications.Copy> burst) throws Exception {
		greenMail.setUser(MAILBOX, MAILBOX, Committee.PASSWORD);
		int messages = 0;
		for (BenchApplications.Copy copy : burst) {
			for (int i = 0; i < copy.mailboxes().size() && messages < MESSAGES; i++) {
				TestMail.appendRaw(greenMail, MAILBOX, copy.raw(), new Date());
				messages++;
			}
		}
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect("127.0.0.1", greenMail.getImap().getPort(), MAILBOX, Committee.PASSWORD);
		try {
			for (int read = 0; read < READS; read++) {
				IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
				folder.open(Folder.READ_ONLY);
				command(folder, "UID SEARCH UID 1:*");
				for (int first = 1; first <= messages; first += BATCH) {
					String set = first + ":" + Math.min(messages, first + BATCH - 1);
					command(folder, "UID FETCH " + set + " (UID RFC822.SIZE)");
					command(folder, "UID FETCH " + set + " (UID INTERNALDATE BODY.PEEK[])");
				}
				folder.close(false);
			}
		}
		finally {
			store.close();
		}
		for (int i = 0; i < Math.min(SENT, burst.size()); i++) {
			GreenMailUtil.sendTextEmail(MAILBOX, "guichet@committee.example", "Warm-up " + i,
					"Bonjour, nous avons bien reçu votre candidature.\r\n".repeat(20), greenMail.getSmtp().getServerSetup());
		}
		greenMail.getUserManager().deleteUser(greenMail.getUserManager().getUser(MAILBOX));
	}

	private static void command(IMAPFolder folder, String command) throws Exception {
		folder.doCommand(protocol -> {
			var responses = protocol.command(command, null);
			protocol.handleResult(responses[responses.length - 1]);
			return null;
		});
	}

}
