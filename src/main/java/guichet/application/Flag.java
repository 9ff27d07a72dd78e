package guichet.application;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import guichet.deadline.DeadlineStatus;

/**
 * What the committee should notice about an application (CONTRACT §3 {@code flags}). Its
 * words are in the bundles: {@code flag.NAME} for a badge, {@code flag.NAME.words} in
 * plain words.
 */
public enum Flag {

	/** Received after the deadline of the note's language. */
	LATE,
	/** No descriptive note: no document attached and too little text in the email. */
	NO_NOTE,
	/** The note has more pages than the call allows. */
	NOTE_TOO_LONG,
	/**
	 * The note could not be read (corrupt, encrypted, scanned without text, too large).
	 */
	NOTE_UNREADABLE,
	/** Neither French nor English could be recognised with confidence. */
	LANGUAGE_UNKNOWN,
	/** At least one committee member was not among the recipients. */
	COMMITTEE_INCOMPLETE,
	/** A later, different version of an earlier submission. */
	RESUBMITTED,
	/** The note names countries, none of them eligible: a hint, not a verdict. */
	OUTSIDE_ELIGIBLE_COUNTRIES,
	/**
	 * Another applicant sent the same attachments: perhaps two members of one collective.
	 */
	POSSIBLE_DUPLICATE,
	/**
	 * A committee member forwarded it: judged on the time the member's copy states, with
	 * the member named (issue #17).
	 */
	FORWARDED,
	/**
	 * Another sender's message carried the same Message-ID: never merged, filed apart,
	 * both flagged so that an admin sees the reuse (issue #17).
	 */
	MESSAGE_ID_REUSED;

	/**
	 * The flags with {@link #LATE} set as the deadline status says: the one place where
	 * the status gives the flag, at filing, re-analysis, and when an earlier copy
	 * arrives.
	 */
	static Set<Flag> judged(Set<Flag> flags, DeadlineStatus status) {
		Set<Flag> judged = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
		if (status == DeadlineStatus.LATE) {
			judged.add(LATE);
		}
		else {
			judged.remove(LATE);
		}
		return judged;
	}

	/** The flags stored as names (a {@code text[]} column). */
	public static Set<Flag> setOf(Collection<String> names) {
		Set<Flag> flags = EnumSet.noneOf(Flag.class);
		names.forEach(name -> flags.add(valueOf(name)));
		return flags;
	}

	/** The flags as stored: their names, in the enum's order. */
	static List<String> namesOf(Set<Flag> flags) {
		return flags.stream().sorted().map(Flag::name).toList();
	}

}
