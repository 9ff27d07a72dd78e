package guichet.note;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Builds application emails the way mail clients send them, then parses them back from
 * their bytes, so that tests read what a mailbox would deliver.
 */
final class Mail {

	static final Session SESSION = Session.getInstance(new Properties());

	static final Path NOTES = Path.of("src", "test", "resources", "notes");

	static final Path CORPUS = Path.of("..", "shared", "corpus");

	private final MimeMultipart parts = new MimeMultipart("mixed");

	private String subject = "Candidature";

	private Mail(String body, String type) {
		try {
			var text = new MimeBodyPart();
			text.setContent(body, type + "; charset=UTF-8");
			text.setHeader("Content-Transfer-Encoding", "quoted-printable");
			this.parts.addBodyPart(text);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Mail withBody(String body) {
		return new Mail(body, "text/plain");
	}

	static Mail withHtmlBody(String html) {
		return new Mail(html, "text/html");
	}

	Mail subject(String subject) {
		this.subject = subject;
		return this;
	}

	Mail attach(Path file, String type) {
		return attach(bytes(file), type, file.getFileName().toString());
	}

	Mail attach(byte[] content, String type, String name) {
		try {
			var part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
			part.setDisposition(Part.ATTACHMENT);
			part.setFileName(name);
			this.parts.addBodyPart(part);
			return this;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Attaches a file with its Content-Disposition header written by hand, such as an RFC
	 * 2231 file name.
	 */
	Mail attachWithDisposition(byte[] content, String type, String disposition) {
		try {
			var part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
			part.setHeader("Content-Transfer-Encoding", "base64");
			part.setHeader("Content-Disposition", disposition);
			this.parts.addBodyPart(part);
			return this;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Mail inlineImage(byte[] png, String name) {
		try {
			var part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
			part.setDisposition(Part.INLINE);
			part.setFileName(name);
			part.setContentID("<logo@guichet.test>");
			this.parts.addBodyPart(part);
			return this;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Mail forward(MimeMessage message) {
		try {
			var part = new MimeBodyPart();
			part.setContent(message, "message/rfc822");
			this.parts.addBodyPart(part);
			return this;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	MimeMessage build() {
		try {
			var message = new MimeMessage(SESSION);
			message.setFrom(new InternetAddress("ana@collectif.example"));
			message.setRecipients(MimeMessage.RecipientType.TO, "comite@guichet.example");
			message.setSubject(this.subject, "UTF-8");
			message.setContent(this.parts);
			message.saveChanges();
			var out = new ByteArrayOutputStream();
			message.writeTo(out);
			return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path note(String name) {
		return NOTES.resolve(name);
	}

	static Path document(String name) {
		return CORPUS.resolve("documents").resolve(name);
	}

}
