package guichet.postgres;

/**
 * Another live process, a Guichet or one of its commands, owns the data folder: starting
 * a second server there would fail or worse.
 */
public class DataFolderInUseException extends IllegalStateException {

	private final long owner;

	DataFolderInUseException(String message, long owner) {
		super(message);
		this.owner = owner;
	}

	/** The owner's PID, or -1 when the lock file does not say. */
	public long owner() {
		return this.owner;
	}

}
