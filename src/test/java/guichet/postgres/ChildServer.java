package guichet.postgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A PostgreSQL started by another JVM, for the tests that need a process to die:
 * {@code guichet DIR} starts it as Guichet does ({@link EmbeddedServer}: lock, watchdog);
 * {@code orphan DIR} as plain zonky does, with neither, as an older Guichet did. Prints
 * {@code ready} once the server answers, then waits for its standard input to end, and
 * closes the server cleanly if it gets there alive.
 */
public final class ChildServer {

	private ChildServer() {
	}

	public static void main(String[] args) throws IOException {
		Path data = Path.of(args[1]);
		AutoCloseable server;
		if (args[0].equals("guichet")) {
			server = EmbeddedServer.start(data, false);
		}
		else {
			var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
				.setDataDirectory(data.resolve("postgres"))
				.setCleanDataDirectory(false);
			EmbeddedServer.NOT_DURABLE.forEach(builder::setServerConfig);
			server = builder.start();
		}
		System.out.println("ready");
		System.out.flush();
		while (System.in.read() >= 0) {
			// until the test closes our input
		}
		try {
			server.close();
		}
		catch (Exception ex) {
			ex.printStackTrace();
		}
	}

	/** Starts one and waits until its server answers. */
	static Process start(String mode, Path data) throws IOException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-cp", System.getProperty("java.class.path"), ChildServer.class.getName(), mode,
				data.toString())
			.redirectErrorStream(true)
			.start();
		var output = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
		StringBuilder seen = new StringBuilder();
		for (String line; (line = output.readLine()) != null;) {
			if (line.equals("ready")) {
				// keep draining, or the child blocks on a full pipe
				Thread drain = new Thread(() -> {
					try {
						while (output.readLine() != null) {
							// discard
						}
					}
					catch (IOException ignored) {
						// the child ended
					}
				});
				drain.setDaemon(true);
				drain.start();
				return process;
			}
			seen.append(line).append('\n');
		}
		throw new IllegalStateException("The child server did not start:\n" + seen);
	}

}
