package guichet.deadline;

/**
 * Whether an application reached the committee before the deadline of its note's
 * language.
 */
public enum DeadlineStatus {

	ON_TIME, LATE;

	/** For templates, which cannot compare an enum with a name. */
	public boolean isLate() {
		return this == LATE;
	}

}
