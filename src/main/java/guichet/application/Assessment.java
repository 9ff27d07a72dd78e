package guichet.application;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import guichet.deadline.DeadlineStatus;
import guichet.language.Language;
import guichet.note.Note;
import guichet.note.NoteReading;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * What the committee needs to judge one submission: its note, language, the deadline that applies and whether it
 * was met, and the flags that follow from them.
 */
public record Assessment(NoteReading reading, Language language, String detectedLanguage, Instant deadline,
		DeadlineStatus deadlineStatus, Set<Flag> flags) {

	public List<String> flagNames() {
		return flags.stream().sorted().map(Flag::name).toList();
	}

	/**
	 * Binds the columns of {@code submission} that this assessment fills (:filename, :mediaType, :pageCount,
	 * :noteSource, :textLength, :problem, :others, :language, :detected, :deadline, :status, :countries, :flags), for
	 * filing and re-analysis alike.
	 */
	StatementSpec bindTo(StatementSpec statement) {
		Note note = reading.note();
		return statement.param("filename", note == null ? null : note.filename())
			.param("mediaType", note == null ? null : note.mediaType())
			.param("pageCount", note == null ? null : note.pageCount())
			.param("noteSource", note == null ? null : note.source().name())
			.param("textLength", note == null ? null : note.textLength())
			.param("problem", reading.unreadableReason())
			.param("others", reading.otherAttachments().toArray(String[]::new))
			.param("language", language.code())
			.param("detected", detectedLanguage)
			.param("deadline", Timestamp.from(deadline))
			.param("status", deadlineStatus.name())
			.param("countries", reading.countries().toArray(String[]::new))
			.param("flags", flagNames().toArray(String[]::new));
	}

	/** The note's text as PostgreSQL can hold it (no NUL characters, which some documents contain). */
	String storableText() {
		String text = reading.text() == null ? "" : reading.text();
		return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
	}

}
