package guichet.application;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import guichet.deadline.DeadlinePolicy;
import guichet.deadline.DeadlineStatus;
import guichet.language.LanguageDetector;
import guichet.language.LanguageGuess;
import guichet.language.Language;
import guichet.note.NoteReader;
import guichet.note.NoteReading;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads a submission the way the committee would: finds and reads the note, recognises
 * its language, and applies that language's deadline to the time the committee's server
 * received it (never the sender's Date:).
 */
@Component
public class Assessor {

	private final NoteReader noteReader;

	private final LanguageDetector languageDetector;

	private final DeadlinePolicy deadlinePolicy;

	public Assessor(NoteReader noteReader, LanguageDetector languageDetector, DeadlinePolicy deadlinePolicy) {
		this.noteReader = noteReader;
		this.languageDetector = languageDetector;
		this.deadlinePolicy = deadlinePolicy;
	}

	/**
	 * The parsers and language models are built while Guichet starts (a poll may come
	 * first and wait for them): if they could not be, start-up fails here, and the
	 * messages being filed meanwhile stay pending without an attempt counted against them
	 * (IntakeFailures).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void readersReady() {
		this.noteReader.awaitParsers();
		this.languageDetector.awaitModels();
	}

	public Assessment assess(MimeMessage message, Instant receivedAt) {
		NoteReading reading = noteReader.read(message);
		LanguageGuess guess = languageDetector.detect(reading.languageText() == null ? "" : reading.languageText());
		Language language = guess.language();
		Instant deadline = deadlinePolicy.deadlineFor(language);
		DeadlineStatus status = deadlinePolicy.statusOf(receivedAt, language);
		Set<Flag> flags = Flag.judged(EnumSet.noneOf(Flag.class), status);
		if (!reading.hasNote()) {
			flags.add(Flag.NO_NOTE);
		}
		if (reading.tooLong()) {
			flags.add(Flag.NOTE_TOO_LONG);
		}
		// without a note, a reason says why none was taken (TOO_MANY_PARTS): NO_NOTE says
		// it to the committee
		if (reading.hasNote() && reading.unreadableReason() != null) {
			flags.add(Flag.NOTE_UNREADABLE);
		}
		if (language == Language.UNKNOWN) {
			flags.add(Flag.LANGUAGE_UNKNOWN);
		}
		if (reading.isOutsideEligibleCountries()) {
			flags.add(Flag.OUTSIDE_ELIGIBLE_COUNTRIES);
		}
		return new Assessment(reading, language, guess.detected(), deadline, status, flags);
	}

	/**
	 * The deadline status again, for a copy that reached another mailbox earlier than the
	 * first one seen.
	 */
	public DeadlineStatus statusOf(Instant receivedAt, Language language) {
		return deadlinePolicy.statusOf(receivedAt, language);
	}

}
