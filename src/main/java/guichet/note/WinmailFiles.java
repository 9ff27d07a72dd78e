package guichet.note;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import guichet.untrusted.MessageValue;

import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.xml.sax.ContentHandler;

/**
 * Keeps the files Tika finds inside a winmail.dat, instead of parsing them: Outlook sent
 * them instead of ordinary attachments, and each is read as one. A file over
 * {@code max-attachment-size} is kept truncated and marked too large.
 */
final class WinmailFiles implements EmbeddedDocumentExtractor {

	/**
	 * Tika's name for the message body Outlook keeps in a winmail.dat: the email's text,
	 * not an attachment.
	 */
	private static final String TNEF_BODY = "message.rtf";

	private final List<Attachment> found;

	private final long maxAttachmentSize;

	WinmailFiles(List<Attachment> found, long maxAttachmentSize) {
		this.found = found;
		this.maxAttachmentSize = maxAttachmentSize;
	}

	@Override
	public boolean shouldParseEmbedded(Metadata metadata) {
		return true;
	}

	@Override
	public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
			throws IOException {
		String name = MessageValue.FILE_NAME.clean(metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY));
		if (TNEF_BODY.equals(name)) {
			return;
		}
		long max = this.maxAttachmentSize;
		byte[] content = stream.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
		boolean tooLarge = content.length > max;
		String declared = metadata.get(Metadata.CONTENT_TYPE);
		var attachment = new Attachment(name, (declared != null) ? declared.toLowerCase(Locale.ROOT) : null,
				tooLarge ? Arrays.copyOf(content, 64 * 1024) : content, content.length, tooLarge);
		synchronized (this.found) {
			this.found.add(attachment);
		}
	}

}
