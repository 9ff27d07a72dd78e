package guichet.note;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.tika.Tika;

import org.springframework.stereotype.Component;

import guichet.untrusted.IncomingMessage;

/**
 * The files of a stored message, byte for byte as the applicant attached them, for the
 * committee to download (issue #21). Found by the same walk through the MIME tree as the
 * note, so the files are those the note was chosen from, in the same order; their type is
 * detected from their content, never taken from the sender.
 */
@Component
public class AttachedFiles {

	/**
	 * No limit but the message's own size: the message is already in memory, and the
	 * bytes must be complete.
	 */
	private final NoteFinder finder = new NoteFinder(Integer.MAX_VALUE - 16);

	private final Tika tika = new Tika();

	/**
	 * @param name the decoded file name as sent, {@code null} when none: shown, never
	 * used as a path
	 * @param content the exact bytes
	 */
	public record AttachedFile(int index, String name, byte[] content) {

		public long size() {
			return this.content.length;
		}

	}

	public List<AttachedFile> of(byte[] raw) {
		try {
			MimeMessage message = IncomingMessage.parseOrThrow(raw);
			List<Attachment> attachments = this.finder.find(message).attachments();
			return java.util.stream.IntStream.range(0, attachments.size())
				.mapToObj(i -> new AttachedFile(i, attachments.get(i).name(), attachments.get(i).content()))
				.toList();
		}
		catch (MessagingException ex) {
			return List.of();
		}
	}

	/**
	 * The type the content shows (the name only breaks ties, as for a plain text file).
	 */
	public String detectType(AttachedFile file) {
		try {
			return this.tika.detect(new ByteArrayInputStream(file.content()), file.name());
		}
		catch (IOException ex) {
			return "application/octet-stream";
		}
	}

}
