package guichet.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server named by the {@code postmaster.pid} of a data folder: its process,
 * whether it is alive and really a PostgreSQL on that folder (after a reboot, the number
 * may belong to any other process), and how to stop it the way {@code pg_ctl stop} does,
 * with signals: SIGINT is a fast shutdown (ends the sessions, writes a checkpoint),
 * SIGQUIT an immediate one (PostgreSQL replays its write-ahead log at the next start).
 */
public record Postmaster(long pid, Path folder, int port) {

	/**
	 * How long a fast shutdown may take before an immediate one; the watchdog's script
	 * uses the same bound.
	 */
	static final Duration FAST_SHUTDOWN_BOUND = Duration.ofSeconds(20);

	static final Duration IMMEDIATE_SHUTDOWN_BOUND = Duration.ofSeconds(10);

	/**
	 * The server that {@code folder/postmaster.pid} names, if the file is there and
	 * readable.
	 */
	public static Optional<Postmaster> of(Path folder) {
		Path pidFile = folder.resolve("postmaster.pid");
		try {
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
			// line 1: the postmaster's PID, 2: its data folder, 3: start time, 4: port
			// (PostgreSQL's miscinit.c)
			long pid = Long.parseLong(lines.get(0).strip());
			int port = lines.size() > 3 && !lines.get(3).isBlank() ? Integer.parseInt(lines.get(3).strip()) : -1;
			return pid > 1 ? Optional.of(new Postmaster(pid, folder, port)) : Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			// absent (a clean shutdown removes it), or being written by a starting server
			return Optional.empty();
		}
	}

	/** Whether the process is alive and is a PostgreSQL running on this folder. */
	public boolean isRunning() {
		Optional<ProcessHandle> process = ProcessHandle.of(this.pid);
		if (process.isEmpty() || !process.get().isAlive()) {
			return false;
		}
		Path proc = Path.of("/proc", String.valueOf(this.pid));
		if (Files.isDirectory(proc)) {
			// Linux: the postmaster works in its data folder (it changes into it as it
			// starts)
			try {
				String command = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
				return command.contains("postgres")
						&& Files.readSymbolicLink(proc.resolve("cwd")).equals(this.folder.toRealPath());
			}
			catch (IOException ex) {
				// another user's process: not one this Guichet started
				return false;
			}
		}
		return process.get().info().command().map(command -> command.endsWith("postgres")).orElse(false);
	}

	/**
	 * Stops it: a fast shutdown, then an immediate one after
	 * {@link #FAST_SHUTDOWN_BOUND}.
	 * @return how it stopped, for the log line
	 * @throws IllegalStateException when it is still running after both
	 */
	public String stop() {
		ProcessHandle process = ProcessHandle.of(this.pid).orElse(null);
		if (process == null) {
			return "it had already stopped";
		}
		long started = System.nanoTime();
		signal("INT");
		if (waitFor(process, FAST_SHUTDOWN_BOUND)) {
			return "fast shutdown in %d ms".formatted(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		}
		signal("QUIT");
		if (waitFor(process, IMMEDIATE_SHUTDOWN_BOUND)) {
			return "immediate shutdown after the fast one took more than %d s"
				.formatted(FAST_SHUTDOWN_BOUND.toSeconds());
		}
		throw new IllegalStateException(
				"The PostgreSQL server %d on %s did not stop within %d s; stop it (kill %d) and start again".formatted(
						this.pid, this.folder, FAST_SHUTDOWN_BOUND.plus(IMMEDIATE_SHUTDOWN_BOUND).toSeconds(),
						this.pid));
	}

	/** Waits until the process has ended; false if it is still alive after the bound. */
	static boolean waitFor(ProcessHandle process, Duration bound) {
		try {
			process.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
		catch (ExecutionException ex) {
			return !process.isAlive();
		}
	}

	/**
	 * Java can only send SIGTERM (a "smart" shutdown, which waits for sessions to end)
	 * and SIGKILL: kill(1) sends the rest.
	 */
	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(this.pid)).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			kill.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not signal PostgreSQL process " + this.pid + ": " + ex.getMessage(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
