package guichet.config;

import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.application.CommitteeProperties;
import guichet.intake.MailboxProperties.AfterProcessing;
import guichet.intake.MailboxProperties.Mailbox;
import guichet.intake.MailboxProperties.Protocol;

/**
 * With no mailbox configured, a GreenMail server on localhost (SMTP and IMAP) holds one
 * mailbox per committee address and one for the shared address, so that an ordinary email
 * sent to the committee through it becomes an application, as on the real call.
 */
public class EmbeddedMailServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

	private final GreenMail greenMail;

	private final List<Mailbox> mailboxes = new ArrayList<>();

	EmbeddedMailServer(EmbeddedProperties embedded, CommitteeProperties committee) {
		ServerSetup smtp = new ServerSetup(embedded.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		ServerSetup imap = new ServerSetup(embedded.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
		this.greenMail = new GreenMail(new ServerSetup[] { smtp, imap });
		this.greenMail.start();
		List<String> addresses = new ArrayList<>(committee.addresses());
		addresses.add(0, embedded.sharedAddress().toLowerCase());
		int imapPort = greenMail.getImap().getPort();
		for (String address : addresses) {
			greenMail.setUser(address, address, embedded.mailboxPassword());
			mailboxes
				.add(new Mailbox(address, Protocol.IMAP, "127.0.0.1", imapPort, address, embedded.mailboxPassword(),
						"INBOX", embedded.pollInterval(), AfterProcessing.KEEP, "Guichet/Processed"));
		}
		log.info("Embedded mail server: SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{}", smtpPort(), imapPort);
	}

	public List<Mailbox> mailboxes() {
		return List.copyOf(mailboxes);
	}

	public int smtpPort() {
		return greenMail.getSmtp().getPort();
	}

	public int imapPort() {
		return greenMail.getImap().getPort();
	}

	@Override
	public void close() {
		greenMail.stop();
	}

}
