package guichet.application;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import guichet.deadline.DeadlineStatus;

/** What the committee should notice about an application (CONTRACT §3 {@code flags}). */
public enum Flag {

	/** Received after the deadline of the note's language. */
	LATE("late for the deadline that applies", "en retard pour la date limite applicable"),
	/** No descriptive note: no document attached and too little text in the email. */
	NO_NOTE("no descriptive note found", "aucune note descriptive trouvée"),
	/** The note has more pages than the call allows. */
	NOTE_TOO_LONG("note longer than the page limit", "note plus longue que la limite de pages"),
	/**
	 * The note could not be read (corrupt, encrypted, scanned without text, too large).
	 */
	NOTE_UNREADABLE("note could not be read", "note illisible"),
	/** Neither French nor English could be recognised with confidence. */
	LANGUAGE_UNKNOWN("language neither French nor English", "langue ni française ni anglaise"),
	/** At least one committee member was not among the recipients. */
	COMMITTEE_INCOMPLETE("not sent to every committee member", "pas envoyée à tous les membres du comité"),
	/** A later, different version of an earlier submission. */
	RESUBMITTED("new version of an earlier submission", "nouvelle version d'un envoi précédent"),
	/** The note names countries, none of them eligible: a hint, not a verdict. */
	OUTSIDE_ELIGIBLE_COUNTRIES("names only countries outside the EU and candidate countries",
			"ne cite que des pays hors UE et pays candidats"),
	/**
	 * Another applicant sent the same attachments: perhaps two members of one collective.
	 */
	POSSIBLE_DUPLICATE("same attachments as another applicant's application",
			"mêmes pièces jointes que la candidature d'une autre personne"),
	/**
	 * A committee member forwarded it: judged on the time the member's copy states, with
	 * the member named (issue #17).
	 */
	FORWARDED("forwarded by a committee member", "transférée par un membre du comité"),
	/**
	 * Another sender's message carried the same Message-ID: never merged, filed apart,
	 * both flagged so that an admin sees the reuse (issue #17).
	 */
	MESSAGE_ID_REUSED("its Message-ID was also used by another sender",
			"son Message-ID a aussi été utilisé par un autre expéditeur");

	private final String english;

	private final String french;

	Flag(String english, String french) {
		this.english = english;
		this.french = french;
	}

	public String inEnglish() {
		return english;
	}

	public String inFrench() {
		return french;
	}

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
