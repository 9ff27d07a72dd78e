package guichet.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL soon after Guichet dies, however it dies. PostgreSQL's
 * postmaster never watches the process that started it ({@code pg_ctl} detaches it), so a
 * {@code kill -9} of Guichet would leave it running. The watchdog is a small
 * {@code /bin/sh} child of Guichet that blocks reading a pipe whose only writer is
 * Guichet's JVM (Java closes every other descriptor in the processes it starts, so
 * neither PostgreSQL nor anything else inherits it). When Guichet ends, the kernel closes
 * the pipe, the read returns at once, and the watchdog stops the server named by
 * {@code postmaster.pid}: a fast shutdown, an immediate one after 20 s. After a clean
 * close there is no {@code postmaster.pid} left, and it does nothing. No polling, so it
 * costs nothing while Guichet runs; it ignores SIGINT, SIGHUP and SIGTERM, so that a
 * Ctrl-C in the terminal or a service manager signalling the whole group, which reach it
 * too, leave it to do its job; it ends by itself once Guichet has. Each time it acts it
 * appends a line to {@code postgres-watchdog.log} in the data folder.
 */
final class Watchdog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

	static final String LOG_NAME = "postgres-watchdog.log";

	/**
	 * Written beside the log at each start, so that {@code ps} shows a name rather than
	 * the whole script.
	 */
	static final String SCRIPT_NAME = "postgres-watchdog.sh";

	/**
	 * $1: the PostgreSQL folder (real path); $2, $3: tenths of a second before the
	 * immediate shutdown, and in all.
	 */
	private static final String SCRIPT = """
			trap '' INT HUP TERM
			while read -r _; do :; done
			pidfile="$1/postmaster.pid"
			[ -f "$pidfile" ] || exit 0
			read -r pm < "$pidfile" || exit 0
			case "$pm" in ''|*[!0-9]*) exit 0 ;; esac
			if [ -d "/proc/$pm" ] && [ "$(readlink "/proc/$pm/cwd")" != "$1" ]; then exit 0; fi
			kill -INT "$pm" 2>/dev/null || exit 0
			echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) Guichet is gone: fast shutdown of its PostgreSQL (process $pm) on $1"
			i=0
			while kill -0 "$pm" 2>/dev/null; do
			  i=$((i+1))
			  if [ "$i" -eq "$2" ]; then
			    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) still running: immediate shutdown"
			    kill -QUIT "$pm" 2>/dev/null
			  fi
			  [ "$i" -ge "$3" ] && exit 1
			  sleep 0.1
			done
			echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) PostgreSQL (process $pm) stopped"
			""";

	private final Process process;

	private final OutputStream pipe;

	private Watchdog(Process process) {
		this.process = process;
		this.pipe = process.getOutputStream();
	}

	/**
	 * Starts the watchdog for the server that will run on this folder; null where there
	 * is no /bin/sh (Windows).
	 */
	static Watchdog watch(Path postgresFolder, Path dataFolder) throws IOException {
		if (!Files.isExecutable(Path.of("/bin/sh"))) {
			log.info("No /bin/sh: the embedded PostgreSQL is not watched; after a crash, the next start stops it");
			return null;
		}
		long fastTicks = Postmaster.FAST_SHUTDOWN_BOUND.toMillis() / 100;
		long allTicks = fastTicks + Postmaster.IMMEDIATE_SHUTDOWN_BOUND.toMillis() / 100;
		Path script = dataFolder.resolve(SCRIPT_NAME);
		Files.writeString(script,
				"# Guichet's watchdog for its embedded PostgreSQL (guichet.postgres.Watchdog); rewritten at each start\n"
						+ SCRIPT);
		Process process = new ProcessBuilder("/bin/sh", script.toString(), postgresFolder.toRealPath().toString(),
				String.valueOf(fastTicks), String.valueOf(allTicks))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dataFolder.resolve(LOG_NAME).toFile()))
			.start();
		return new Watchdog(process);
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * After the server stopped cleanly: the watchdog reads the end of its pipe, finds no
	 * {@code postmaster.pid} and ends.
	 */
	@Override
	public void close() {
		try {
			this.pipe.close();
		}
		catch (IOException ex) {
			this.process.destroy();
		}
	}

}
