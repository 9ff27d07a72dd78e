package guichet.archive;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import guichet.application.Filing.Outcome;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar guichet.jar import PATH… [--acknowledge] [--setting=value…]}: files
 * archives through the intake ({@link Importer}) in a Guichet of its own, with the same
 * settings as the service, no web server, and no route started (no mailbox is polled, no
 * mail is sent: acknowledgements asked for with {@code --acknowledge} wait in the outbox
 * for the running Guichet). With the embedded database, stop Guichet first: the data
 * folder is its alone.
 * <p>
 * Exit status: 0 done (even with problems, which the summary lists), 1 failed, 2 bad
 * arguments.
 */
public final class ImportCommand {

	public static final String NAME = "import";

	private ImportCommand() {
	}

	public static boolean isImport(String[] args) {
		return args.length > 0 && args[0].equals(NAME);
	}

	public static int run(String[] args, Class<?> application, PrintStream out) {
		List<Path> paths = new ArrayList<>();
		List<String> settings = new ArrayList<>();
		boolean acknowledge = false;
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--acknowledge")) {
				acknowledge = true;
			}
			else if (args[i].startsWith("--")) {
				settings.add(args[i]);
			}
			else {
				paths.add(Path.of(args[i]));
			}
		}
		if (paths.isEmpty()) {
			out.println("Usage: java -jar guichet.jar import PATH… [--acknowledge] [--setting=value…]\n"
					+ "    files mbox files, Maildir folders and .eml files through the intake, as mailbox import:<name>;\n"
					+ "    --acknowledge also acknowledges the applicants (off: old applicants get no surprise mail)");
			return 2;
		}
		// the service's own settings, then what an import changes: nothing polled,
		// nothing sent, no web server
		settings.add("--guichet.acknowledgements.enabled=" + acknowledge);
		settings.add("--camel.main.auto-startup=false");
		settings.add("--guichet.embedded.smtp-port=0");
		settings.add("--guichet.embedded.imap-port=0");
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(settings.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Spring Boot has printed why (a bad setting names itself; a data folder in
			// use says so)
			return 1;
		}
		try (context) {
			long start = System.nanoTime();
			Importer.Summary summary = context.getBean(Importer.class).importPaths(paths, new ProgressBar(out));
			out.print(describe(summary, (System.nanoTime() - start) / 1e9, acknowledge));
			return 0;
		}
		catch (RuntimeException ex) {
			out.println("import failed: " + ex.getMessage());
			return 1;
		}
	}

	static String describe(Importer.Summary summary, double seconds, boolean acknowledge) {
		StringBuilder text = new StringBuilder(
				"%nImported %d message(s) in %.1f s:%n".formatted(summary.messages(), seconds));
		text.append("  filed             %6d  (new applications or new versions)%n"
			.formatted(summary.count(Outcome.NEW_SUBMISSION)));
		text.append("  merged            %6d  (more copies of applications already filed)%n"
			.formatted(summary.count(Outcome.COPY)));
		text.append("  ignored           %6d  (not applications)%n".formatted(summary.count(Outcome.IGNORED)));
		text.append("  quarantined       %6d  (kept for an admin: GET /api/messages?state=QUARANTINED)%n"
			.formatted(summary.count(Outcome.QUARANTINED)));
		text.append("  already imported  %6d  (nothing added)%n".formatted(summary.count(Outcome.ALREADY_FILED)));
		if (!summary.reasons().isEmpty()) {
			text.append("Reasons:%n".formatted());
			for (Map.Entry<String, Integer> reason : summary.reasons().entrySet()) {
				text.append("  %6d × %s%n".formatted(reason.getValue(), reason.getKey()));
			}
		}
		if (!summary.problems().isEmpty()) {
			text.append("Not imported (%d):%n".formatted(summary.problems().size()));
			summary.problems().forEach(problem -> text.append("  ").append(problem).append(System.lineSeparator()));
		}
		text.append(
				acknowledge ? "New applicants will be acknowledged (the outbox sends when Guichet runs).%n".formatted()
						: "No applicant was acknowledged (--acknowledge to do so).%n".formatted());
		return text.toString();
	}

	/**
	 * A bar redrawn in place on a terminal; a line every tenth of the way otherwise (a
	 * log, a pipe).
	 */
	static final class ProgressBar implements Importer.Progress {

		private final PrintStream out;

		private final boolean terminal = System.console() != null;

		private int total;

		private int lastTenth = -1;

		ProgressBar(PrintStream out) {
			this.out = out;
		}

		@Override
		public void started(int messages) {
			this.total = messages;
			out.println("Importing " + messages + " message(s)…");
		}

		@Override
		public void settled(int done) {
			if (total == 0) {
				return;
			}
			int width = 40;
			int filled = (int) ((long) done * width / total);
			if (terminal) {
				out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
				if (done == total) {
					out.println();
				}
				out.flush();
			}
			else {
				int tenth = (int) ((long) done * 10 / total);
				if (tenth != lastTenth) {
					lastTenth = tenth;
					out.println("[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
				}
			}
		}

	}

}
