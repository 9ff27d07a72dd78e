package guichet.command;

import java.util.List;
import java.util.Set;

/**
 * One command of {@code java -jar guichet.jar NAME OPERAND…} ({@link Commands}). An
 * implementation declares the settings and beans it needs
 * ({@code @EnableConfigurationProperties}, {@code @Import}), and {@link Commands} starts
 * a Spring context of just that, with no web server, route or mail server (or, for
 * {@link Commands.Context#GUICHET}, the whole of Guichet without them). It carries no
 * {@code @Component} or {@code @Configuration}, so that Guichet's own component scan
 * leaves it out.
 */
public interface Command {

	/**
	 * Does the work.
	 * @param operands the arguments that are neither settings ({@code --name=value}) nor
	 * flags, already counted against the usage
	 * @param flags the command's own flags that were given ({@code --acknowledge})
	 * @return the exit status: 0 for success
	 * @throws CommandException for a failure the operator can act on: its message is
	 * printed, and the status is 1
	 */
	int run(List<String> operands, Set<String> flags) throws Exception;

}
