package guichet.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line of the jar: {@code java -jar guichet.jar} runs Guichet;
 * {@code java -jar guichet.jar NAME
 * OPERAND… [--setting=value…]} runs one command and exits. A command reads the same
 * settings as Guichet (config/application.yml, environment variables,
 * {@code --name=value}) in a Spring context of its own holding only what it declares. To
 * add one: a {@link Command} class and a line in {@link #COMMANDS}.
 * <p>
 * Exit status: 0 done, 1 failed (the message says why), 2 bad arguments (the message
 * shows the usage).
 */
public final class Commands {

	/** Every command, in the order {@code help} lists them. */
	static final List<Spec> COMMANDS = List.of(
			new Spec("backup", "FILE", 1, 1,
					"write a consistent backup of the embedded database to FILE, whether "
							+ "Guichet is running or not",
					BackupCommand.class),
			new Spec("restore", "FILE", 1, 1, "restore the backup FILE into an empty data folder "
					+ "(guichet.embedded.data-dir), Guichet stopped", RestoreCommand.class));

	public static final int DONE = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	private Commands() {
	}

	/**
	 * Whether these arguments ask for a command rather than for Guichet itself (whose
	 * arguments are all settings).
	 */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && !args[0].startsWith("-");
	}

	/** Runs the command the arguments name; returns the exit status. */
	public static int run(String[] args, PrintStream err) {
		String name = args[0];
		if (name.equals("help")) {
			err.println(help());
			return DONE;
		}
		Optional<Spec> found = COMMANDS.stream().filter(spec -> spec.name().equals(name)).findFirst();
		if (found.isEmpty()) {
			err.println("Unknown command \"" + name + "\".\n" + help());
			return USAGE;
		}
		Spec spec = found.get();
		List<String> settings = new ArrayList<>();
		List<String> operands = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			(args[i].startsWith("--") && args[i].length() > 2 ? settings : operands).add(args[i]);
		}
		if (operands.size() < spec.minOperands() || operands.size() > spec.maxOperands()) {
			err.println("%s takes %s, not %s.\nUsage: java -jar guichet.jar %s %s [--setting=value…]\n    %s".formatted(
					name, spec.operandsDescription(), operands.isEmpty() ? "none" : String.join(" ", operands), name,
					spec.operands(), spec.summary()));
			return USAGE;
		}
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(spec.type()).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(settings.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Spring Boot has printed why (a bad setting names itself)
			return FAILED;
		}
		try (context) {
			return context.getBean(Command.class).run(operands);
		}
		catch (CommandException ex) {
			err.println(name + ": " + ex.getMessage());
			return FAILED;
		}
		catch (Exception ex) {
			err.println(name + " failed: " + ex);
			ex.printStackTrace(err);
			return FAILED;
		}
	}

	static String help() {
		StringBuilder help = new StringBuilder("Usage: java -jar guichet.jar [--setting=value…]   runs Guichet\n")
			.append("       java -jar guichet.jar COMMAND ARGUMENT… [--setting=value…]\nCommands:\n");
		for (Spec spec : COMMANDS) {
			help.append("  %-8s %-10s %s%n".formatted(spec.name(), spec.operands(), spec.summary()));
		}
		help.append("  help                list the commands\n")
			.append("Settings are Guichet's own (config/application.yml, environment variables, --name=value).");
		return help.toString();
	}

	/**
	 * A command: its name, what it takes ({@code FILE}, {@code PATH…}), how many, what it
	 * does, and its class.
	 */
	record Spec(String name, String operands, int minOperands, int maxOperands, String summary,
			Class<? extends Command> type) {

		String operandsDescription() {
			if (minOperands == maxOperands) {
				return minOperands == 1 ? "one argument (" + operands + ")"
						: minOperands + " arguments (" + operands + ")";
			}
			return "at least " + minOperands + " argument" + (minOperands == 1 ? "" : "s") + " (" + operands + ")";
		}

	}

}
