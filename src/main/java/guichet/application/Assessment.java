package guichet.application;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import guichet.deadline.DeadlineStatus;
import guichet.language.Language;
import guichet.note.Note;
import guichet.note.NoteReading;
import guichet.untrusted.MessageValue;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * What the committee needs to judge one submission: its note, language, the deadline that
 * applies and whether it was met, and the flags that follow from them.
 */
public record Assessment(NoteReading reading, Language language, String detectedLanguage, Instant deadline,
		DeadlineStatus deadlineStatus, Set<Flag> flags) {

	/**
	 * The same assessment with flags that come from who sent it rather than what it says.
	 */
	Assessment withFlags(Set<Flag> more) {
		if (more.isEmpty()) {
			return this;
		}
		Set<Flag> all = EnumSet.copyOf(flags.isEmpty() ? EnumSet.noneOf(Flag.class) : flags);
		all.addAll(more);
		return new Assessment(reading, language, detectedLanguage, deadline, deadlineStatus, all);
	}

	/**
	 * Binds the columns of {@code submission} that this assessment fills (:filename,
	 * :mediaType, :pageCount, :noteSource, :textLength, :problem, :others, :language,
	 * :detected, :deadline, :status, :countries, :flags), for filing and re-analysis
	 * alike.
	 */
	StatementSpec bindTo(StatementSpec statement) {
		Note note = reading.note();
		// the last gate before PostgreSQL: names and reasons may quote the sender's bytes
		// (issue #17)
		return statement.param("filename", note == null ? null : MessageValue.FILE_NAME.clean(note.filename()))
			.param("mediaType", note == null ? null : MessageValue.MEDIA_TYPE.clean(note.mediaType()))
			.param("pageCount", note == null ? null : note.pageCount())
			.param("noteSource", note == null ? null : note.source().name())
			.param("textLength", note == null ? null : note.textLength())
			.param("problem", MessageValue.REASON.clean(reading.unreadableReason()))
			.param("others",
					reading.otherAttachments().stream().map(MessageValue.FILE_NAME::clean).toArray(String[]::new))
			.param("language", language.code())
			.param("detected", detectedLanguage)
			.param("deadline", Timestamp.from(deadline))
			.param("status", deadlineStatus.name())
			.param("countries", reading.countries().toArray(String[]::new))
			.param("flags", Flag.namesOf(flags).toArray(String[]::new));
	}

	/**
	 * The note's text as PostgreSQL can hold it (no NUL nor other control characters,
	 * which some documents contain).
	 */
	String storableText() {
		return reading.text() == null ? "" : MessageValue.TEXT.clean(reading.text());
	}

}
