package guichet.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The one builder of test mail: a real MIME message, built the way an ordinary mail
 * client would (a text or HTML body, attached files, an inline image, a forwarded
 * message), as bytes or parsed back from them as a mailbox would deliver it, and ways to
 * deliver it to GreenMail. Mail that no client would write (broken MIME, lying charsets)
 * is {@link MalformedMail}'s.
 */
public final class TestMail {

	private static final Session SESSION = Session.getInstance(new Properties());

	private String from = "Ana Costa <ana.costa@example.org>";

	private String fromName;

	private final List<String> to = new ArrayList<>(Committee.MEMBERS);

	private final List<String> cc = new ArrayList<>();

	private String subject = "Candidature – collectif des livreurs de Lyon";

	private String messageId = "<" + java.util.UUID.randomUUID() + "@mail.example.org>";

	private String body = "Bonjour,\n\nVeuillez trouver ci-joint notre note descriptive.\n\nAna";

	private boolean htmlBody;

	private final List<Part> attachments = new ArrayList<>();

	private final Map<String, String> headers = new LinkedHashMap<>();

	private Date sentDate = new Date();

	public static TestMail application() {
		return new TestMail();
	}

	public TestMail from(String from) {
		this.from = from;
		this.fromName = null;
		return this;
	}

	/** From this address under this name, written as the name needs (quoted, encoded). */
	public TestMail from(String address, String name) {
		this.from = address;
		this.fromName = name;
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
		this.htmlBody = false;
		return this;
	}

	/** The body as HTML only, as some webmails send it. */
	public TestMail htmlBody(String html) {
		this.body = html;
		this.htmlBody = true;
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
		attachments.add(() -> {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, mediaType)));
			part.setFileName(filename);
			part.setDisposition(MimeBodyPart.ATTACHMENT);
			return part;
		});
		return this;
	}

	/** Attaches a file under its own name. */
	public TestMail attach(Path file, String mediaType) {
		try {
			return attach(file.getFileName().toString(), mediaType, Files.readAllBytes(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Attaches a file with its Content-Disposition header written by hand, such as an RFC
	 * 2231 file name.
	 */
	public TestMail attachWithDisposition(byte[] content, String mediaType, String disposition) {
		attachments.add(() -> {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, mediaType)));
			part.setHeader("Content-Transfer-Encoding", "base64");
			part.setHeader("Content-Disposition", disposition);
			return part;
		});
		return this;
	}

	/** An image shown in the body (a logo in a signature), not attached. */
	public TestMail inlineImage(byte[] png, String filename) {
		attachments.add(() -> {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
			part.setDisposition(MimeBodyPart.INLINE);
			part.setFileName(filename);
			part.setContentID("<logo@guichet.test>");
			return part;
		});
		return this;
	}

	/** Attaches a whole message ({@code message/rfc822}), as a forward does. */
	public TestMail attachMessage(MimeMessage message) {
		attachments.add(() -> {
			MimeBodyPart part = new MimeBodyPart();
			part.setContent(message, "message/rfc822");
			return part;
		});
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
			message
				.setFrom(fromName == null ? new InternetAddress(from) : new InternetAddress(from, fromName, "UTF-8"));
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
			String textType = htmlBody ? "html" : "plain";
			if (attachments.isEmpty()) {
				message.setText(body, "UTF-8", textType);
			}
			else {
				MimeMultipart mixed = new MimeMultipart("mixed");
				MimeBodyPart text = new MimeBodyPart();
				text.setText(body, "UTF-8", textType);
				mixed.addBodyPart(text);
				for (Part attachment : attachments) {
					mixed.addBodyPart(attachment.make());
				}
				message.setContent(mixed);
			}
			for (var header : headers.entrySet()) {
				message.setHeader(header.getKey(), header.getValue());
			}
			message.saveChanges();
			return message;
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The message parsed back from its bytes, as a mailbox would deliver it: what a test
	 * of the reading itself should read.
	 */
	public MimeMessage parsed() {
		try {
			return new MimeMessage(SESSION, new java.io.ByteArrayInputStream(bytes()));
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

	/** One attached part, made when the message is built. */
	@FunctionalInterface
	private interface Part {

		MimeBodyPart make() throws MessagingException;

	}

}
