package guichet.application;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import guichet.deadline.DeadlineStatus;
import guichet.language.Language;
import guichet.note.NoteReading;

/**
 * What the committee needs to judge one submission: its note, language, the deadline that applies and whether it
 * was met, and the flags that follow from them.
 */
public record Assessment(NoteReading reading, Language language, String detectedLanguage, Instant deadline,
		DeadlineStatus deadlineStatus, Set<Flag> flags) {

	public List<String> flagNames() {
		return flags.stream().sorted().map(Flag::name).toList();
	}

}
