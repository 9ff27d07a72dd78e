package guichet.backup;

/** A backup or restore that could not be made, with a message for the operator. */
public class BackupException extends RuntimeException {

	public BackupException(String message) {
		super(message);
	}

	public BackupException(String message, Throwable cause) {
		super(message, cause);
	}

}
