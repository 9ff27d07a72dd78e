package guichet.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import guichet.application.Filing.Outcome;
import guichet.archive.Importer;

/**
 * {@code import PATH… [--acknowledge]}: files archives through the intake
 * ({@link Importer}) in a whole Guichet of its own ({@link Commands.Context#GUICHET}):
 * the same settings as the service, no web server, no route started (no mailbox is
 * polled, no mail is sent: acknowledgements asked for with {@code --acknowledge} wait in
 * the outbox for the running Guichet). With the embedded database, stop Guichet first:
 * the data folder is its alone. It ends with 0 even when some messages could not be read:
 * the summary lists them.
 */
class ImportCommand implements Command {

	static final String ACKNOWLEDGE = "--acknowledge";

	private final Importer importer;

	ImportCommand(Importer importer) {
		this.importer = importer;
	}

	@Override
	public int run(List<String> operands, Set<String> flags) {
		boolean acknowledge = flags.contains(ACKNOWLEDGE);
		List<Path> paths = operands.stream().map(Path::of).toList();
		long start = System.nanoTime();
		PrintStream out = System.out;
		Importer.Summary summary = this.importer.importPaths(paths, acknowledge, new ProgressBar(out));
		out.print(describe(summary, (System.nanoTime() - start) / 1e9, acknowledge));
		return Commands.DONE;
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
