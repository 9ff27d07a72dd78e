package guichet.note;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.xml.sax.SAXException;

/**
 * Reads the text of an attached document with Tika, within the limits of
 * {@link NoteLimits}: a document that takes too long is abandoned, one with too much text
 * is cut, so that no attachment can stop the intake (CONTRACT §5). The parser is built
 * once; documents are read in memory, never written to disk.
 */
final class TextExtractor implements AutoCloseable {

	static final MediaType PDF = MediaType.application("pdf");

	static final MediaType TNEF = MediaType.application("vnd.ms-tnef");

	/**
	 * Fewer letters than this in a PDF means its pages are images (a scan) with at most a
	 * stamp or page numbers.
	 */
	private static final int MIN_LETTERS = 30;

	private final NoteLimits limits;

	private final TypeDetector types;

	/**
	 * Chooses the parser by the type {@link TypeDetector} found, without detecting again.
	 */
	private final Parser parser;

	/**
	 * Tika detecting the type itself: for the documents inside a document (images in a
	 * DOCX, say), and for a second reading of a file whose type only its name gave.
	 */
	private final AutoDetectParser autoDetectParser;

	private final PageCounter pageCounter;

	private final ParseTimeLimit timeLimit;

	TextExtractor(NoteLimits limits) {
		this.limits = limits;
		var tika = TikaConfig.getDefaultConfig();
		this.types = new TypeDetector(tika);
		this.parser = tika.getParser();
		this.autoDetectParser = new AutoDetectParser(tika);
		this.pageCounter = new PageCounter(4 * limits.maxAttachmentSize().toBytes());
		this.timeLimit = new ParseTimeLimit(limits.parseTimeout());
	}

	/** See {@link TypeDetector#detect}. */
	TypeDetector.Detected detect(Attachment attachment) {
		return this.types.detect(attachment);
	}

	/**
	 * The text and pages of a document, or why the committee cannot read it. Never
	 * throws.
	 */
	Extraction extract(Attachment attachment, TypeDetector.Detected detected) {
		if (attachment.tooLarge()) {
			return Extraction.unreadable("TOO_LARGE: the file is " + megabytes(attachment.size()) + ", over the "
					+ megabytes(this.limits.maxAttachmentSize().toBytes()) + " limit");
		}
		return this.timeLimit
			.run(() -> parse(attachment.content(), attachment.name(), detected.type(), this.parser, detected.byName()));
	}

	/**
	 * The files inside a winmail.dat that Outlook sent instead of ordinary attachments.
	 */
	List<Attachment> unpackTnef(Attachment winmail) {
		if (winmail.tooLarge()) {
			return List.of();
		}
		var found = new ArrayList<Attachment>();
		Extraction opened = this.timeLimit.run(() -> {
			var context = context();
			context.set(EmbeddedDocumentExtractor.class,
					new WinmailFiles(found, this.limits.maxAttachmentSize().toBytes()));
			var metadata = new Metadata();
			metadata.set(Metadata.CONTENT_TYPE, TNEF.toString());
			try (var in = TikaInputStream.get(winmail.content())) {
				this.parser.parse(in, new BodyContentHandler(this.limits.maxTextCharacters()), metadata, context);
			}
			return new Extraction("", null, null);
		});
		synchronized (found) {
			return (opened.unreadableReason() == null) ? List.copyOf(found) : List.of();
		}
	}

	/**
	 * Reads a document with {@code parser}, first the parser of the type
	 * {@link TypeDetector} found. When only the file's name gave that type and it fails
	 * for another reason than a password or too much text, it is read again with Tika's
	 * own detection, and what Tika then says (encrypted, corrupt) is the reason the
	 * committee sees; a type the content gave is what Tika's detection would find again,
	 * so that second reading is skipped.
	 */
	private Extraction parse(byte[] content, String name, MediaType type, Parser parser, boolean mayRetry)
			throws Exception {
		var metadata = new Metadata();
		if (name != null) {
			metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
		}
		metadata.set(Metadata.CONTENT_TYPE, type.toString());
		if (content.length == 0) {
			return Extraction.unreadable("CORRUPT: the file is empty");
		}
		var handler = new BodyContentHandler(this.limits.maxTextCharacters());
		String tooMuchText = null;
		try (var in = TikaInputStream.get(content)) {
			// the zip-bomb guard AutoDetectParser puts around the top document: far more
			// output than input stops it
			var secure = new SecureContentHandler(handler, in);
			try {
				parser.parse(in, secure, metadata, context());
			}
			catch (SAXException ex) {
				secure.throwIfCauseOf(ex);
				throw ex;
			}
		}
		catch (EncryptedDocumentException ex) {
			return new Extraction("", pages(content, type, metadata),
					"ENCRYPTED: the document is protected by a password");
		}
		catch (ZeroByteFileException ex) {
			return Extraction.unreadable("CORRUPT: the file is empty");
		}
		catch (Exception ex) {
			boolean tooMuch = WriteLimitReachedException.isWriteLimitReached(ex);
			if (!tooMuch && mayRetry && !Thread.currentThread().isInterrupted()) {
				return parse(content, name, type, this.autoDetectParser, false);
			}
			if (!tooMuch) {
				return new Extraction("", pages(content, type, metadata),
						"CORRUPT: the file is damaged or incomplete and cannot be opened");
			}
			tooMuchText = "TOO_MUCH_TEXT: more than " + this.limits.maxTextCharacters()
					+ " characters, far more than a note; only the beginning was read";
		}
		String text = handler.toString().strip();
		Integer pages = pages(content, type, metadata);
		// Tika's page count is the root's /Count, the writer's word: for a PDF of more
		// than the usual one page, the tree is walked to check it is one (a second
		// opening, paid only by long or odd PDFs)
		if (PDF.equals(type) && (pages == null || pages > 1)) {
			PageCounter.Tree tree = this.pageCounter.walkPdf(content);
			if (tree.loops()) {
				return new Extraction("", null,
						"CORRUPT: the PDF's page tree refers to itself, so its pages cannot be counted");
			}
			pages = (tree.pages() != null) ? tree.pages() : pages;
		}
		if (tooMuchText != null) {
			return new Extraction(text, pages, tooMuchText);
		}
		if (PDF.equals(type) && letters(text) < MIN_LETTERS) {
			return new Extraction(text, pages, "NO_TEXT: scanned image without a text layer");
		}
		if (letters(text) == 0) {
			return new Extraction(text, pages, "NO_TEXT: the document contains no text");
		}
		return new Extraction(text, pages, null);
	}

	/**
	 * The pages of a document: what its parser found (for a PDF, PDFBox's count of the
	 * document Tika opened with it; for DOCX and ODT, the count the editor saved), else,
	 * for a PDF Tika could not read, PDFBox's own count.
	 */
	private Integer pages(byte[] content, MediaType type, Metadata metadata) {
		if (!PDF.equals(type)) {
			return PageCounter.fromMetadata(metadata);
		}
		Integer pages = metadata.getInt(org.apache.tika.metadata.PagedText.N_PAGES);
		return (pages != null) ? pages : this.pageCounter.ofPdf(content);
	}

	/**
	 * The settings every reading uses (package-private: tests compare with Tika reading
	 * on its own).
	 */
	ParseContext context() {
		var context = new ParseContext();
		context.set(Parser.class, this.autoDetectParser);
		context.set(EmbeddedDocumentExtractor.class, new TextBearingParts(context));
		// DOCX read as a stream of XML events, not built into POI's XMLBeans object
		// model: less memory, and no XML
		// factory looked up through the nested jars for each of its parts
		var office = new OfficeParserConfig();
		office.setUseSAXDocxExtractor(true);
		context.set(OfficeParserConfig.class, office);
		var pdf = new PDFParserConfig();
		pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
		pdf.setExtractInlineImages(false);
		context.set(PDFParserConfig.class, pdf);
		var ocr = new TesseractOCRConfig();
		ocr.setSkipOcr(true);
		context.set(TesseractOCRConfig.class, ocr);
		return context;
	}

	@Override
	public void close() {
		this.timeLimit.close();
	}

	private static int letters(String text) {
		int letters = 0;
		for (int i = 0; i < text.length() && letters < MIN_LETTERS; i++) {
			if (Character.isLetter(text.charAt(i))) {
				letters++;
			}
		}
		return letters;
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
