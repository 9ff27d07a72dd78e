package guichet.note;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import guichet.untrusted.MessageValue;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.zip.DefaultZipContainerDetector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.xml.sax.ContentHandler;
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
	 * Tika's name for the message body Outlook keeps in a winmail.dat: the email's text,
	 * not an attachment.
	 */
	private static final String TNEF_BODY = "message.rtf";

	/**
	 * Fewer letters than this in a PDF means its pages are images (a scan) with at most a
	 * stamp or page numbers.
	 */
	private static final int MIN_LETTERS = 30;

	/**
	 * Types too vague to tell a document from, where the file name's extension decides.
	 */
	private static final Set<MediaType> VAGUE = Set.of(MediaType.OCTET_STREAM, MediaType.application("zip"),
			MediaType.application("x-tika-ooxml"), MediaType.application("x-tika-msoffice"),
			MediaType.application("x-tika-ooxml-protected"));

	private final NoteLimits limits;

	private final Detector detector;

	private final MimeTypes mimeTypes;

	private final MediaTypeRegistry registry;

	/**
	 * What a ZIP holds (DOCX, ODT…), asked directly when the first bytes say ZIP (see
	 * {@link #byFirstBytes}).
	 */
	private final Detector zipContainers = new DefaultZipContainerDetector();

	/** Chooses the parser by the type {@link #detect} found, without detecting again. */
	private final Parser parser;

	/**
	 * Tika detecting the type itself: for the documents inside a document (images in a
	 * DOCX, say), and for a second reading of a file whose type only its name gave.
	 */
	private final AutoDetectParser autoDetectParser;

	private final PageCounter pageCounter;

	private final ThreadPoolExecutor executor;

	TextExtractor(NoteLimits limits) {
		this.limits = limits;
		var tika = TikaConfig.getDefaultConfig();
		this.detector = tika.getDetector();
		this.mimeTypes = tika.getMimeRepository();
		this.registry = tika.getMediaTypeRegistry();
		this.parser = tika.getParser();
		this.autoDetectParser = new AutoDetectParser(tika);
		this.pageCounter = new PageCounter(4 * limits.maxAttachmentSize().toBytes());
		this.executor = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(32),
				new DaemonThreads());
		this.executor.allowCoreThreadTimeOut(true);
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
			type = PDF;
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

	/**
	 * The text and pages of a document, or why the committee cannot read it. Never
	 * throws.
	 */
	Extraction extract(Attachment attachment, Detected detected) {
		if (attachment.tooLarge()) {
			return Extraction.unreadable("TOO_LARGE: the file is " + megabytes(attachment.size()) + ", over the "
					+ megabytes(this.limits.maxAttachmentSize().toBytes()) + " limit");
		}
		return withinTimeLimit(
				() -> parse(attachment.content(), attachment.name(), detected.type(), this.parser, detected.byName()));
	}

	/**
	 * The files inside a winmail.dat that Outlook sent instead of ordinary attachments.
	 */
	List<Attachment> unpackTnef(Attachment winmail) {
		if (winmail.tooLarge()) {
			return List.of();
		}
		var found = new ArrayList<Attachment>();
		Extraction opened = withinTimeLimit(() -> {
			var context = context();
			context.set(EmbeddedDocumentExtractor.class, new Collector(found));
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
	 * Reads a document with {@code parser}, first the parser of the type {@link #detect}
	 * found. When only the file's name gave that type and it fails for another reason
	 * than a password or too much text, it is read again with Tika's own detection, and
	 * what Tika then says (encrypted, corrupt) is the reason the committee sees; a type
	 * the content gave is what Tika's detection would find again, so that second reading
	 * is skipped.
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
		// than the usual one page, the
		// tree is walked to check it is one (a second opening, paid only by long or odd
		// PDFs)
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

	/**
	 * Runs a parse on the bounded executor and gives up waiting after
	 * {@code parseTimeout}; the parse thread is interrupted, and if the parser ignores
	 * that, it is left to finish on its own while the route goes on.
	 */
	private Extraction withinTimeLimit(Callable<Extraction> parse) {
		Future<Extraction> future;
		try {
			future = this.executor.submit(parse);
		}
		catch (RejectedExecutionException ex) {
			return Extraction.unreadable("TIMEOUT: too many documents are still being read; try again later");
		}
		try {
			return future.get(this.limits.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			return Extraction.unreadable(
					"TIMEOUT: reading the document took longer than " + this.limits.parseTimeout().toSeconds() + "s");
		}
		catch (ExecutionException ex) {
			return Extraction.unreadable("CORRUPT: the file is damaged or incomplete and cannot be opened");
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			return Extraction.unreadable("TIMEOUT: reading was interrupted");
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
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

	/** Keeps the files Tika finds inside a container, instead of parsing them. */
	private final class Collector implements EmbeddedDocumentExtractor {

		private final List<Attachment> found;

		Collector(List<Attachment> found) {
			this.found = found;
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
			long max = TextExtractor.this.limits.maxAttachmentSize().toBytes();
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

	private static final class DaemonThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			var thread = new Thread(task, "note-reader-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
