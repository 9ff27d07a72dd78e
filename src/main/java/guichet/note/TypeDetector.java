package guichet.note;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.zip.DefaultZipContainerDetector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Tells what kind of document an attached file is by its content, as Tika would, with its
 * name and declared type as hints only: the sender's word is never enough to make a file
 * a note.
 */
final class TypeDetector {

	/**
	 * Types too vague to tell a document from, where the file name's extension decides.
	 */
	private static final Set<MediaType> VAGUE = Set.of(MediaType.OCTET_STREAM, MediaType.application("zip"),
			MediaType.application("x-tika-ooxml"), MediaType.application("x-tika-msoffice"),
			MediaType.application("x-tika-ooxml-protected"));

	private final Detector detector;

	private final MimeTypes mimeTypes;

	private final MediaTypeRegistry registry;

	/**
	 * What a ZIP holds (DOCX, ODT…), asked directly when the first bytes say ZIP (see
	 * {@link #byFirstBytes}).
	 */
	private final Detector zipContainers = new DefaultZipContainerDetector();

	TypeDetector(TikaConfig tika) {
		this.detector = tika.getDetector();
		this.mimeTypes = tika.getMimeRepository();
		this.registry = tika.getMediaTypeRegistry();
	}

	/**
	 * A file's type, and whether its name chose it because its content said no more than
	 * "a ZIP" or "an OLE file".
	 */
	record Detected(MediaType type, boolean byName) {

		static Detected byContent(MediaType type) {
			return new Detected(type, false);
		}

	}

	/**
	 * The type of a file judged by its content, with its name and declared type as hints
	 * only; when the content says no more than "a ZIP" or "an OLE file", the extension
	 * decides between the document formats that share it.
	 */
	Detected detect(Attachment attachment) {
		var metadata = new Metadata();
		if (attachment.name() != null) {
			metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, attachment.name());
		}
		MediaType detected;
		try (var in = TikaInputStream.get(attachment.content())) {
			MediaType quick = byFirstBytes(attachment, in, metadata);
			detected = (quick != null) ? quick : this.detector.detect(in, metadata);
		}
		catch (IOException | RuntimeException ex) {
			detected = MediaType.OCTET_STREAM;
		}
		if (VAGUE.contains(detected) && attachment.name() != null) {
			MediaType byName = this.mimeTypes.getMimeType(attachment.name()).getType();
			if (!byName.equals(MediaType.OCTET_STREAM)) {
				return new Detected(byName, true);
			}
		}
		return Detected.byContent(detected);
	}

	/**
	 * PDF and the ZIP-based formats (DOCX, ODT) told from their first bytes, as Tika's
	 * detector would tell them, or null to ask it. Tika's detector tries some 1,500 magic
	 * patterns, several of them regular expressions over the first kilobytes decoded anew
	 * each time: 2 to 4 ms an attachment, a tenth of the intake's CPU (issue #7).
	 */
	private MediaType byFirstBytes(Attachment attachment, TikaInputStream in, Metadata metadata) throws IOException {
		byte[] content = attachment.content();
		MediaType type = null;
		if (startsWith(content, PDF_START)) {
			type = TextExtractor.PDF;
		}
		else if (startsWith(content, ZIP_START)) {
			MediaType inside = this.zipContainers.detect(in, metadata);
			type = VAGUE.contains(inside) ? null : inside;
		}
		if (type != null && attachment.name() != null) {
			// as Tika does: a name whose type is a kind of the content's type (an
			// Illustrator file is a PDF) decides
			MediaType byName = this.mimeTypes.getMimeType(attachment.name()).getType();
			if (this.registry.isSpecializationOf(byName, type)) {
				return byName;
			}
		}
		return type;
	}

	private static final byte[] PDF_START = { '%', 'P', 'D', 'F', '-' };

	private static final byte[] ZIP_START = { 'P', 'K', 3, 4 };

	private static boolean startsWith(byte[] content, byte[] start) {
		return content.length >= start.length && Arrays.equals(content, 0, start.length, start, 0, start.length);
	}

}
