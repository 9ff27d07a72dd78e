package guichet.deadline;
public enum DeadlineStatus { ON_TIME, LATE }
