package guichet.command;

/**
 * A command that cannot do what it was asked; its message, printed alone, says why and
 * what to do.
 */
public class CommandException extends RuntimeException {

	public CommandException(String message) {
		super(message);
	}

	public CommandException(String message, Throwable cause) {
		super(message, cause);
	}

}
