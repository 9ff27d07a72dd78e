package guichet.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line of the jar: {@code java -jar guichet.jar} runs Guichet;
 * {@code java -jar guichet.jar NAME
 * OPERAND… [--flag…] [--setting=value…]} runs one command and exits. A command reads the
 * same settings as Guichet (config/application.yml, environment variables,
 * {@code --name=value}) in a Spring context of its own. To add one: a {@link Command}
 * class and a line in {@link #COMMANDS}.
 * <p>
 * Exit status: 0 done, 1 failed (the message says why), 2 bad arguments (the message
 * shows the usage).
 */
public final class Commands {

	/** Every command, in the order {@code help} lists them. */
	static final List<Spec> COMMANDS = List.of(
			new Spec("backup", "FILE", 1, 1,
					"write a consistent backup of the embedded database to FILE, whether Guichet is running or not",
					BackupCommand.class, Context.OWN, Set.of()),
			new Spec("restore", "FILE", 1, 1,
					"restore the backup FILE into an empty data folder (guichet.embedded.data-dir), Guichet stopped",
					RestoreCommand.class, Context.OWN, Set.of()),
			new Spec("import", "PATH…", 1, Integer.MAX_VALUE,
					"file mbox files, Maildir folders and .eml files through the intake, as mailbox "
							+ "import:<name>; " + ImportCommand.ACKNOWLEDGE
							+ " also acknowledges new applicants (off: old applicants get no surprise mail); "
							+ "with the embedded database, Guichet stopped",
					ImportCommand.class, Context.GUICHET, Set.of(ImportCommand.ACKNOWLEDGE)));

	public static final int DONE = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	/** What a command runs in. */
	enum Context {

		/** Only the settings and beans the command declares. */
		OWN,

		/**
		 * The whole of Guichet (its intake: the clerk, the note reader, the ledger), with
		 * no web server, no route started and the embedded mail server on ports of its
		 * own, so that nothing is polled and nothing sent.
		 */
		GUICHET

	}

	private Commands() {
	}

	/**
	 * Whether these arguments ask for a command rather than for Guichet itself (whose
	 * arguments are all settings).
	 */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && !args[0].startsWith("-");
	}

	/**
	 * Runs the command the arguments name; returns the exit status.
	 * @param application Guichet's own class, for the commands that need the whole of it
	 */
	public static int run(String[] args, PrintStream err, Class<?> application) {
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
		Set<String> flags = new LinkedHashSet<>();
		for (int i = 1; i < args.length; i++) {
			if (spec.flags().contains(args[i])) {
				flags.add(args[i]);
			}
			else {
				(args[i].startsWith("--") && args[i].length() > 2 ? settings : operands).add(args[i]);
			}
		}
		if (operands.size() < spec.minOperands() || operands.size() > spec.maxOperands()) {
			err.println("%s takes %s, not %s.\nUsage: java -jar guichet.jar %s\n    %s".formatted(name,
					spec.operandsDescription(), operands.isEmpty() ? "none" : String.join(" ", operands), spec.usage(),
					spec.summary()));
			return USAGE;
		}
		SpringApplicationBuilder builder;
		if (spec.context() == Context.GUICHET) {
			builder = new SpringApplicationBuilder(application, spec.type());
			settings.add("--camel.main.auto-startup=false");
			// its own embedded mail server on free ports, whatever ports the admin gave
			// for the running Guichet's (given twice, a setting binds as "14025,0")
			settings.removeIf(setting -> setting.startsWith("--guichet.embedded.smtp-port=")
					|| setting.startsWith("--guichet.embedded.imap-port="));
			settings.add("--guichet.embedded.smtp-port=0");
			settings.add("--guichet.embedded.imap-port=0");
		}
		else {
			builder = new SpringApplicationBuilder(spec.type());
		}
		ConfigurableApplicationContext context;
		try {
			context = builder.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(settings.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Spring Boot has printed why (a bad setting names itself; a data folder in
			// use says so)
			return FAILED;
		}
		try (context) {
			return context.getBean(Command.class).run(operands, flags);
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
	 * does, its class, what it runs in, and its flags.
	 */
	record Spec(String name, String operands, int minOperands, int maxOperands, String summary,
			Class<? extends Command> type, Context context, Set<String> flags) {

		String operandsDescription() {
			if (minOperands == maxOperands) {
				return minOperands == 1 ? "one argument (" + operands + ")"
						: minOperands + " arguments (" + operands + ")";
			}
			return "at least " + (minOperands == 1 ? "one argument" : minOperands + " arguments") + " (" + operands
					+ ")";
		}

		String usage() {
			StringBuilder usage = new StringBuilder(name).append(' ').append(operands);
			flags.stream().sorted().forEach(flag -> usage.append(" [").append(flag).append(']'));
			return usage.append(" [--setting=value…]").toString();
		}

	}

}
