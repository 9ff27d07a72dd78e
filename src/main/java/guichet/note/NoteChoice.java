package guichet.note;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.apache.tika.mime.MediaType;

/**
 * Which attached file is the note: among the attachments that are documents by their
 * content (never cards, invitations or signatures, whatever they contain), the
 * word-processing document with the most text, else a plain document; the others are
 * listed for the committee. A winmail.dat is unpacked and its files count as attached.
 */
final class NoteChoice {

	/** What word processors save: the formats the call accepts first. */
	private static final Set<MediaType> WORD_PROCESSING = Set.of(TextExtractor.PDF,
			MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
			MediaType.application("vnd.ms-word.document.macroenabled.12"), MediaType.application("msword"),
			MediaType.application("vnd.oasis.opendocument.text"), MediaType.application("rtf"),
			MediaType.application("x-tika-ooxml-protected"));

	/**
	 * Also accepted by the call, but as likely to be something else (a licence, a
	 * README).
	 */
	private static final Set<MediaType> PLAIN_DOCUMENTS = Set.of(MediaType.TEXT_PLAIN, MediaType.TEXT_HTML,
			MediaType.application("xhtml+xml"));

	/**
	 * Parts that are never notes whatever their content looks like: cards, invitations,
	 * signatures.
	 */
	private static final Set<String> NEVER_NOTES = Set.of("text/calendar", "text/vcard", "text/x-vcard",
			"text/directory", "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pkcs7-mime",
			"application/x-pkcs7-mime", "application/pgp-signature", "application/ics");

	private static final Set<String> NEVER_NOTE_EXTENSIONS = Set.of("vcf", "vcard", "ics", "p7s", "p7m", "asc", "sig");

	/**
	 * Word-processing documents first, then the one with the most text, then the first
	 * attached.
	 */
	private static final Comparator<Document> MOST_LIKELY_NOTE = Comparator.comparingInt(Document::rank)
		.thenComparing(Comparator.comparingInt((Document document) -> document.extraction().text().length()).reversed())
		.thenComparingInt(Document::position);

	private NoteChoice() {
	}

	/** The document most likely to be the note. */
	static Document note(List<Document> documents) {
		return documents.stream().min(MOST_LIKELY_NOTE).orElseThrow();
	}

	/** The attachments that are documents, winmail.dat unpacked, each read. */
	static List<Document> documents(List<Attachment> attachments, TextExtractor extractor) {
		var documents = new ArrayList<Document>();
		for (Attachment attachment : attachments) {
			if (isNeverNote(attachment)) {
				continue;
			}
			if (attachment.damaged()) {
				MediaType declared = declaredDocumentType(attachment);
				if (declared != null) {
					documents.add(new Document(attachment, declared, 0, documents.size(),
							Extraction.unreadable("CORRUPT: the file's encoding in the message ("
									+ "base64 or quoted-printable) is damaged")));
				}
				continue;
			}
			TypeDetector.Detected detected = extractor.detect(attachment);
			MediaType type = detected.type();
			if (attachment.isTnef() || TextExtractor.TNEF.equals(type)) {
				documents.addAll(documents(extractor.unpackTnef(attachment), extractor));
				continue;
			}
			int rank = WORD_PROCESSING.contains(type) ? 0 : PLAIN_DOCUMENTS.contains(type) ? 1 : -1;
			if (rank >= 0 && !isNeverNote(type.toString())) {
				documents.add(new Document(attachment, type, rank, documents.size(),
						extractor.extract(attachment, detected)));
			}
		}
		return documents;
	}

	/**
	 * The document type a damaged file says it is, by its declared type or its extension
	 * (its content cannot say): a word-processing document or PDF, else {@code null}.
	 */
	private static MediaType declaredDocumentType(Attachment attachment) {
		MediaType declared = attachment.declaredType() == null ? null : MediaType.parse(attachment.declaredType());
		if (declared != null && WORD_PROCESSING.contains(declared)) {
			return declared;
		}
		return switch (attachment.extension()) {
			case "pdf" -> TextExtractor.PDF;
			case "docx" -> MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document");
			case "doc" -> MediaType.application("msword");
			case "odt" -> MediaType.application("vnd.oasis.opendocument.text");
			case "rtf" -> MediaType.application("rtf");
			default -> null;
		};
	}

	private static boolean isNeverNote(Attachment attachment) {
		return isNeverNote(attachment.declaredType()) || NEVER_NOTE_EXTENSIONS.contains(attachment.extension());
	}

	private static boolean isNeverNote(String type) {
		return type != null && NEVER_NOTES.contains(type);
	}

	record Document(Attachment attachment, MediaType type, int rank, int position, Extraction extraction) {

		String label() {
			return (this.attachment.name() != null) ? this.attachment.name() : "(unnamed " + this.type + ")";
		}

	}

}
