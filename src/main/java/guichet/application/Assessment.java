package guichet.application;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
	 * What this assessment says, column by column of {@code submission}: the one place
	 * where a submission's note facts are written, for filing
	 * ({@link SubmissionRows#insert}) and re-analysis alike. A new fact is one more entry
	 * here (and a column in a migration).
	 */
	Map<String, Object> columns() {
		Note note = reading.note();
		Map<String, Object> columns = new LinkedHashMap<>();
		// the last gate before PostgreSQL: names and reasons may quote the sender's bytes
		// (issue #17)
		columns.put("note_filename", note == null ? null : MessageValue.FILE_NAME.clean(note.filename()));
		columns.put("note_media_type", note == null ? null : MessageValue.MEDIA_TYPE.clean(note.mediaType()));
		columns.put("note_page_count", note == null ? null : note.pageCount());
		columns.put("note_source", note == null ? null : note.source().name());
		columns.put("note_text_length", note == null ? null : note.textLength());
		columns.put("note_problem", MessageValue.REASON.clean(reading.unreadableReason()));
		columns.put("other_attachments",
				reading.otherAttachments().stream().map(MessageValue.FILE_NAME::clean).toArray(String[]::new));
		columns.put("language", language.code());
		columns.put("detected_language", detectedLanguage);
		columns.put("deadline", Timestamp.from(deadline));
		columns.put("deadline_status", deadlineStatus.name());
		columns.put("countries", reading.countries().toArray(String[]::new));
		columns.put("flags", Flag.namesOf(flags).toArray(String[]::new));
		columns.put("organisation", MessageValue.ORGANISATION.clean(reading.organisation()));
		return columns;
	}

	/** "note_filename, …": the columns, for an insert. */
	String columnNames() {
		return String.join(", ", columns().keySet());
	}

	/** ":note_filename, …": their parameters, for an insert. */
	String columnParameters() {
		return columns().keySet().stream().map(column -> ":" + column).collect(Collectors.joining(", "));
	}

	/** "note_filename = :note_filename, …": for an update. */
	String columnAssignments() {
		return columns().keySet().stream().map(column -> column + " = :" + column).collect(Collectors.joining(", "));
	}

	/** Binds the parameters named by {@link #columns()}. */
	StatementSpec bindTo(StatementSpec statement) {
		columns().forEach(statement::param);
		return statement;
	}

	/**
	 * The note's text as PostgreSQL can hold it (no NUL nor other control characters,
	 * which some documents contain).
	 */
	String storableText() {
		return reading.text() == null ? "" : MessageValue.TEXT.clean(reading.text());
	}

}
