package guichet.note;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.startup.BuiltInBackground;
import guichet.deadline.CallProperties;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;

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
 * reason, so that the committee can ask the applicant for another copy. Which document is
 * the note is {@link NoteChoice}'s rule; reading it is {@link TextExtractor}'s.
 */
@Component
public class NoteReader {

	private static final Logger log = LoggerFactory.getLogger(NoteReader.class);

	/**
	 * A body shorter than this, once quotes and signature are removed, is a cover
	 * message, not a note.
	 */
	static final int MIN_BODY_NOTE_CHARACTERS = 400;

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

	private final NotePractice practice;

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
		this.practice = new NotePractice(practiceRounds, this::readMail);
		this.extractor = new BuiltInBackground<>("note parsers", () -> warmedUp(new TextExtractor(limits)));
		this.extractor.whenBuilt(ready -> this.practice.start());
	}

	/**
	 * Waits until the start-up practice is over (the ingestion benchmark's floor: as
	 * practised as Guichet).
	 * @return how many rounds were practised
	 */
	public int awaitPractice() {
		awaitParsers();
		return this.practice.finished();
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
		this.practice.realMailArrived();
		long start = System.nanoTime();
		NoteReading reading = readMail(message);
		NoteReadingTimes.record(reading, System.nanoTime() - start);
		return reading;
	}

	private NoteReading readMail(MimeMessage message) {
		MessageContents contents = this.finder.find(message);
		String whole = wholeBody(contents);
		NoteReading reading = readContents(contents, BodyText.ownWords(whole));
		return reading.withOrganisation(OrganisationFinder.find(reading.text(), whole));
	}

	private NoteReading readContents(MessageContents contents, String body) {
		if (contents.tooManyParts()) {
			// no note rather than a random one (issue #17): the committee sees why, and
			// can ask for the note again
			return new NoteReading(null, "", body, List.of(), "TOO_MANY_PARTS: the message has more than "
					+ NoteFinder.MAX_PARTS + " parts; no note was taken from it", false, Countries.mentionedIn(body));
		}
		List<NoteChoice.Document> documents = NoteChoice.documents(contents.attachments(), this.extractor.get());
		if (documents.isEmpty()) {
			return readBody(contents, body);
		}
		NoteChoice.Document note = NoteChoice.note(documents);
		List<String> others = documents.stream()
			.filter((document) -> document != note)
			.map(NoteChoice.Document::label)
			.toList();
		Extraction extraction = note.extraction();
		String text = extraction.text();
		String languageText = text.isBlank() ? body : text;
		Integer pages = extraction.pageCount();
		var found = new Note(note.attachment().name(), note.type().toString(), pages, NoteSource.ATTACHMENT,
				text.length());
		return new NoteReading(found, text, languageText, others, extraction.unreadableReason(),
				this.call.isOverPageLimit(pages), Countries.mentionedIn(languageText));
	}

	private NoteReading readBody(MessageContents contents, String body) {
		if (body.length() < MIN_BODY_NOTE_CHARACTERS) {
			return new NoteReading(null, "", body, List.of(), null, false, Countries.mentionedIn(body));
		}
		String type = contents.plainBody().isBlank() ? "text/html" : "text/plain";
		var note = new Note(null, type, null, NoteSource.BODY, body.length());
		return new NoteReading(note, body, body, List.of(), null, false, Countries.mentionedIn(body));
	}

	/** The body as sent, its signature and quotes included. */
	private static String wholeBody(MessageContents contents) {
		return contents.plainBody().isBlank() ? BodyText.fromHtml(contents.htmlBody()) : contents.plainBody();
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
		this.practice.stop();
		// without waiting for a build still running (a start-up that failed early): it
		// closes when done
		this.extractor.whenBuilt(TextExtractor::close);
	}

}
