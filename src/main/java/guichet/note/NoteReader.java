package guichet.note;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.startup.BuiltInBackground;
import guichet.deadline.CallProperties;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.tika.mime.MediaType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Finds and reads the descriptive note the call asks for: a one-page document attached to
 * the application email, or, when nothing is attached, the email's own text if it has the
 * substance of a note.
 * <p>
 * A note is recognised by its content, not by the name or type the sender gave it. When
 * several documents are attached, the note is the word-processing document with the most
 * text; the others are listed for the committee. Files forwarded inside another message
 * or packed by Outlook into a winmail.dat count as attached. A note that cannot be read
 * (password, damage, scan without text, too large, too slow) is still reported, with the
 * reason, so that the committee can ask the applicant for another copy.
 */
@Component
public class NoteReader {

	private static final Logger log = LoggerFactory.getLogger(NoteReader.class);

	/**
	 * A body shorter than this, once quotes and signature are removed, is a cover
	 * message, not a note.
	 */
	static final int MIN_BODY_NOTE_CHARACTERS = 400;

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

	/**
	 * Enough for the C1 compiler, with the image's JVM options, to compile most of what
	 * reading a note runs: about 0.4 s of one core at start-up (2026-12-05).
	 */
	static final int PRACTICE_ROUNDS = 30;

	private final CallProperties call;

	private final NoteFinder finder;

	/**
	 * Tika's parsers, built and warmed up while the rest of Guichet starts (a second or
	 * more).
	 */
	private final BuiltInBackground<TextExtractor> extractor;

	private final int practiceRounds;

	private final CompletableFuture<Integer> practised = new CompletableFuture<>();

	/** Set by the first real mail: from then on the intake itself warms the code up. */
	private volatile boolean realMailRead;

	private volatile boolean closing;

	@Autowired
	public NoteReader(CallProperties call, NoteLimits limits) {
		this(call, limits, PRACTICE_ROUNDS);
	}

	/**
	 * With {@code practiceRounds} rounds of practice at start-up: 0 for none (tests of
	 * the reading itself).
	 */
	public NoteReader(CallProperties call, NoteLimits limits, int practiceRounds) {
		this.call = call;
		this.finder = new NoteFinder(limits.maxAttachmentSize().toBytes());
		this.practiceRounds = practiceRounds;
		this.extractor = new BuiltInBackground<>("note parsers", () -> warmedUp(new TextExtractor(limits)));
		this.extractor.whenBuilt(ready -> practise());
	}

	/**
	 * Once the parsers are ready, reads the warm-up notes as mails,
	 * {@link #PRACTICE_ROUNDS} times, on a thread of its own. The JIT compiler compiles a
	 * method only after it has run a number of times: without this, some 1,600 methods of
	 * Tika, PDFBox, POI, XMLBeans and Xerces, and 340 of Jakarta Mail, were compiled
	 * during the first burst of applications, on the cores the burst needed (issue #7).
	 * It costs about 0.4 s of one core during start-up; it stops at the first real mail
	 * (which is read at once, as usual) or when Guichet stops.
	 */
	private void practise() {
		if (this.practiceRounds == 0 || this.closing) {
			this.practised.complete(0);
			return;
		}
		try {
			Thread practice = new Thread(this::practiseNow, "note-reading-practice");
			practice.setDaemon(true);
			practice.start();
		}
		catch (RuntimeException | Error ex) {
			// never leave awaitPractice() waiting
			this.practised.complete(0);
			throw ex;
		}
	}

	private void practiseNow() {
		long started = System.nanoTime();
		int rounds = 0;
		try {
			List<byte[]> mails = WarmUpNotes.asMails();
			Session session = Session.getInstance(new Properties());
			while (rounds < this.practiceRounds && !this.closing && !this.realMailRead) {
				for (byte[] mail : mails) {
					readMail(new MimeMessage(session, new ByteArrayInputStream(mail)));
				}
				rounds++;
			}
			log.info("Note reading practised: {} of {} rounds in {} ms{}", rounds, this.practiceRounds,
					(System.nanoTime() - started) / 1_000_000, (rounds < this.practiceRounds)
							? (this.closing ? " (Guichet is stopping)" : " (the first mail arrived)") : "");
		}
		catch (MessagingException | RuntimeException ex) {
			// only practice: the first notes will simply be read more slowly (or Guichet
			// is stopping)
			if (!this.closing) {
				log.warn("Practising note reading failed", ex);
			}
		}
		finally {
			this.practised.complete(rounds);
		}
	}

	/**
	 * Waits until the start-up practice is over (the ingestion benchmark's floor: as
	 * practised as Guichet).
	 * @return how many rounds were practised
	 */
	public int awaitPractice() {
		awaitParsers();
		return this.practised.join();
	}

	/** Waits until Tika's parsers are ready; throws if they could not be built. */
	public void awaitParsers() {
		this.extractor.get();
	}

	/**
	 * Reads the note of an application email. Bad content gives a reading with a reason,
	 * never an exception.
	 */
	public NoteReading read(MimeMessage message) {
		this.realMailRead = true;
		long start = System.nanoTime();
		NoteReading reading = readMail(message);
		NoteReadingTimes.record(reading, System.nanoTime() - start);
		return reading;
	}

	private NoteReading readMail(MimeMessage message) {
		MessageContents contents = this.finder.find(message);
		String body = ownWords(contents);
		if (contents.tooManyParts()) {
			// no note rather than a random one (issue #17): the committee sees why, and
			// can ask for the note again
			return new NoteReading(null, "", body, List.of(), "TOO_MANY_PARTS: the message has more than "
					+ NoteFinder.MAX_PARTS + " parts; no note was taken from it", false, Countries.mentionedIn(body));
		}
		List<Document> documents = documents(contents.attachments());
		if (documents.isEmpty()) {
			return readBody(contents, body);
		}
		Document note = documents.stream().min(MOST_LIKELY_NOTE).orElseThrow();
		List<String> others = documents.stream().filter((document) -> document != note).map(Document::label).toList();
		Extraction extraction = note.extraction();
		String text = extraction.text();
		String languageText = text.isBlank() ? body : text;
		Integer pages = extraction.pageCount();
		var found = new Note(note.attachment().name(), note.type().toString(), pages, NoteSource.ATTACHMENT,
				text.length());
		return new NoteReading(found, text, languageText, others, extraction.unreadableReason(),
				pages != null && pages > this.call.maxNotePages(), Countries.mentionedIn(languageText));
	}

	private NoteReading readBody(MessageContents contents, String body) {
		if (body.length() < MIN_BODY_NOTE_CHARACTERS) {
			return new NoteReading(null, "", body, List.of(), null, false, Countries.mentionedIn(body));
		}
		String type = contents.plainBody().isBlank() ? "text/html" : "text/plain";
		var note = new Note(null, type, null, NoteSource.BODY, body.length());
		return new NoteReading(note, body, body, List.of(), null, false, Countries.mentionedIn(body));
	}

	private static String ownWords(MessageContents contents) {
		String body = contents.plainBody().isBlank() ? BodyText.fromHtml(contents.htmlBody()) : contents.plainBody();
		return BodyText.ownWords(body);
	}

	/** The attachments that are documents, winmail.dat unpacked, each read. */
	private List<Document> documents(List<Attachment> attachments) {
		TextExtractor extractor = this.extractor.get();
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
			TextExtractor.Detected detected = extractor.detect(attachment);
			MediaType type = detected.type();
			if (attachment.isTnef() || TextExtractor.TNEF.equals(type)) {
				documents.addAll(documents(extractor.unpackTnef(attachment)));
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

	/**
	 * Reads one small note of each format, so that Tika, PDFBox and POI load their
	 * classes before the first message.
	 */
	private static TextExtractor warmedUp(TextExtractor extractor) {
		try {
			for (Attachment note : WarmUpNotes.all()) {
				extractor.extract(note, extractor.detect(note));
			}
		}
		catch (RuntimeException ex) {
			// only a warm-up: the parsers are built, the first note of that format will
			// simply be slower
			log.warn("Warming the note parsers up failed", ex);
		}
		return extractor;
	}

	@PreDestroy
	void close() {
		this.closing = true;
		// without waiting for a build still running (a start-up that failed early): it
		// closes when done
		this.extractor.whenBuilt(TextExtractor::close);
	}

	private record Document(Attachment attachment, MediaType type, int rank, int position, Extraction extraction) {

		String label() {
			return (this.attachment.name() != null) ? this.attachment.name() : "(unnamed " + this.type + ")";
		}

	}

}
