package guichet.deadline;

/**
 * Whether an application reached the committee before the deadline of its note's
 * language.
 */
public enum DeadlineStatus {

	ON_TIME, LATE

}
