package guichet.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

/**
 * A real MIME message, built the way an ordinary mail client would, and ways to deliver
 * it.
 */
public final class TestMail {

	private static final Session SESSION = Session.getInstance(new Properties());

	private String from = "Ana Costa <ana.costa@example.org>";

	private final List<String> to = new ArrayList<>(Committee.MEMBERS);

	private final List<String> cc = new ArrayList<>();

	private String subject = "Candidature – collectif des livreurs de Lyon";

	private String messageId = "<" + java.util.UUID.randomUUID() + "@mail.example.org>";

	private String body = "Bonjour,\n\nVeuillez trouver ci-joint notre note descriptive.\n\nAna";

	private final List<Object[]> attachments = new ArrayList<>();

	private final Map<String, String> headers = new LinkedHashMap<>();

	private Date sentDate = new Date();

	public static TestMail application() {
		return new TestMail();
	}

	public TestMail from(String from) {
		this.from = from;
		return this;
	}

	public TestMail to(String... to) {
		this.to.clear();
		this.to.addAll(List.of(to));
		return this;
	}

	public TestMail cc(String... cc) {
		this.cc.addAll(List.of(cc));
		return this;
	}

	public TestMail subject(String subject) {
		this.subject = subject;
		return this;
	}

	/** {@code null}: no Message-ID header at all. */
	public TestMail messageId(String messageId) {
		this.messageId = messageId;
		return this;
	}

	public TestMail body(String body) {
		this.body = body;
		return this;
	}

	public TestMail sentDate(Date sentDate) {
		this.sentDate = sentDate;
		return this;
	}

	public TestMail header(String name, String value) {
		headers.put(name, value);
		return this;
	}

	public TestMail attach(String filename, String mediaType, byte[] content) {
		attachments.add(new Object[] { filename, mediaType, content });
		return this;
	}

	public MimeMessage build() {
		try {
			MimeMessage message = new MimeMessage(SESSION) {
				@Override
				protected void updateMessageID() throws MessagingException {
					if (messageId == null) {
						removeHeader("Message-ID");
					}
					else {
						setHeader("Message-ID", messageId);
					}
				}
			};
			message.setFrom(new InternetAddress(from));
			for (String address : to) {
				message.addRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(address));
			}
			for (String address : cc) {
				message.addRecipients(jakarta.mail.Message.RecipientType.CC, InternetAddress.parse(address));
			}
			message.setSubject(subject, "UTF-8");
			if (sentDate != null) {
				message.setSentDate(sentDate);
			}
			if (attachments.isEmpty()) {
				message.setText(body, "UTF-8");
			}
			else {
				MimeMultipart mixed = new MimeMultipart("mixed");
				MimeBodyPart text = new MimeBodyPart();
				text.setText(body, "UTF-8");
				mixed.addBodyPart(text);
				for (Object[] attachment : attachments) {
					MimeBodyPart part = new MimeBodyPart();
					part.setDataHandler(
							new DataHandler(new ByteArrayDataSource((byte[]) attachment[2], (String) attachment[1])));
					part.setFileName((String) attachment[0]);
					part.setDisposition(MimeBodyPart.ATTACHMENT);
					mixed.addBodyPart(part);
				}
				message.setContent(mixed);
			}
			for (var header : headers.entrySet()) {
				message.setHeader(header.getKey(), header.getValue());
			}
			message.saveChanges();
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public byte[] bytes() {
		try {
			var out = new ByteArrayOutputStream();
			build().writeTo(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends it over SMTP to the GreenMail server, which delivers one copy to each
	 * recipient's mailbox.
	 */
	public void sendThrough(GreenMail greenMail) {
		try {
			MimeMessage message = build();
			Properties properties = new Properties();
			properties.put("mail.smtp.host", "127.0.0.1");
			properties.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
			Transport.send(new MimeMessage(Session.getInstance(properties), new java.io.ByteArrayInputStream(bytes())),
					message.getAllRecipients());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Puts it straight into one mailbox, as its server received it at {@code receivedAt}
	 * (IMAP INTERNALDATE).
	 */
	public void appendTo(GreenMail greenMail, String mailbox, Date receivedAt, Flags.Flag... flags) {
		appendRaw(greenMail, mailbox, bytes(), receivedAt, flags);
	}

	public static void appendRaw(GreenMail greenMail, String mailbox, byte[] raw, Date receivedAt,
			Flags.Flag... flags) {
		try {
			GreenMailUser user = greenMail.getUserManager().getUser(mailbox);
			ImapHostManager imap = greenMail.getManagers().getImapHostManager();
			MailFolder inbox = imap.getInbox(user);
			Flags set = new Flags();
			for (Flags.Flag flag : flags) {
				set.add(flag);
			}
			inbox.appendMessage(new MimeMessage(SESSION, new java.io.ByteArrayInputStream(raw)), set, receivedAt);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
