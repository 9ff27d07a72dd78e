package guichet.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL (zonky) on a data folder, as Guichet runs it for real (issue
 * #18):
 * <ul>
 * <li><b>durable</b>: zonky starts PostgreSQL with its test settings ({@code -F}, that is
 * fsync off, and {@code synchronous_commit=off}), under which a power cut loses
 * transactions Guichet already counted as committed, and with them CONTRACT §5. Guichet
 * overrides them ({@code -c fsync=on} comes after zonky's {@code -F} on the command line,
 * and the later one wins);</li>
 * <li><b>owned</b>: one process at a time holds the folder ({@link DataFolderLock}); a
 * second Guichet is refused with the first one's PID;</li>
 * <li><b>recovered</b>: a server left running by a Guichet that died (an orphan) is
 * stopped before a new one starts, with one log line saying so;</li>
 * <li><b>watched</b>: a {@link Watchdog} stops the server soon after this process
 * dies.</li>
 * </ul>
 * The data folder holds {@code guichet.lock}, {@code postgres/} (PostgreSQL's own folder)
 * and the watchdog's log.
 */
public final class EmbeddedServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

	/**
	 * Every commit on disk before Guichet acts on it, and pages whole after a crash in
	 * the middle of a write.
	 */
	public static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on",
			"full_page_writes", "on");

	/**
	 * zonky's settings: fast, and a crash of the machine may lose the last commits or
	 * corrupt the folder.
	 */
	public static final Map<String, String> NOT_DURABLE = Map.of("fsync", "off", "synchronous_commit", "off");

	/**
	 * Crash recovery replays the write-ahead log before the server answers: zonky's 10 s
	 * is short for that.
	 */
	private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

	private final EmbeddedPostgres server;

	private final DataFolderLock lock;

	private final Watchdog watchdog;

	private final Path folder;

	private EmbeddedServer(EmbeddedPostgres server, DataFolderLock lock, Watchdog watchdog, Path folder) {
		this.server = server;
		this.lock = lock;
		this.watchdog = watchdog;
		this.folder = folder;
	}

	/**
	 * Starts PostgreSQL on {@code dataDir/postgres}, creating the folder on first use.
	 * @throws DataFolderInUseException when a live process owns the folder
	 */
	public static EmbeddedServer start(Path dataDir, boolean durable) {
		Path data = dataDir.toAbsolutePath().normalize();
		Path folder = data.resolve("postgres");
		DataFolderLock lock = null;
		Watchdog watchdog = null;
		try {
			Files.createDirectories(folder);
			lock = DataFolderLock.take(data);
			recover(lock, folder);
			watchdog = Watchdog.watch(folder, data);
			var builder = EmbeddedPostgres.builder()
				.setDataDirectory(folder)
				.setCleanDataDirectory(false)
				.setPGStartupWait(STARTUP_WAIT);
			(durable ? DURABLE : NOT_DURABLE).forEach(builder::setServerConfig);
			EmbeddedPostgres server = builder.start();
			return new EmbeddedServer(server, lock, watchdog, folder);
		}
		catch (IOException | RuntimeException ex) {
			if (watchdog != null) {
				watchdog.close();
			}
			if (lock != null) {
				lock.close();
			}
			if (ex instanceof DataFolderInUseException inUse) {
				throw inUse;
			}
			throw new IllegalStateException("Could not start the embedded PostgreSQL in " + folder + ": "
					+ (ex.getMessage() != null ? ex.getMessage() : ex), ex);
		}
	}

	/**
	 * What the last owner left: nothing (it closed cleanly), a server still running (an
	 * orphan: stop it), or a server that ended without a shutdown (PostgreSQL replays its
	 * log as it starts). One line either way.
	 */
	private static void recover(DataFolderLock lock, Path folder) throws IOException {
		var previous = lock.uncleanPrevious();
		var postmaster = Postmaster.of(folder);
		String owner = previous.map(p -> "Guichet process " + p.pid()).orElse("the Guichet that last used it");
		if (postmaster.isPresent() && postmaster.get().isRunning()) {
			String how = postmaster.get().stop();
			log.warn("Crash recovery: {} is gone but had left its embedded PostgreSQL (process {}) running on {}; "
					+ "stopped it ({}), starting normally", owner, postmaster.get().pid(), folder, how);
		}
		else if (postmaster.isPresent()) {
			if (ProcessHandle.of(postmaster.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
				// the number now belongs to another process (after a reboot): PostgreSQL
				// would refuse to start
				Files.deleteIfExists(folder.resolve("postmaster.pid"));
			}
			log.warn("Crash recovery: the embedded PostgreSQL of {} ended without a shutdown; it replays its "
					+ "write-ahead log as it starts", owner);
		}
		else if (previous.isPresent()) {
			log.warn(
					"Crash recovery: {} ended without closing (killed?); its watchdog had already stopped the embedded "
							+ "PostgreSQL (see {}), starting normally",
					owner, folder.resolveSibling(Watchdog.LOG_NAME));
		}
	}

	public int port() {
		return this.server.getPort();
	}

	public String jdbcUrl() {
		return this.server.getJdbcUrl("postgres", "postgres");
	}

	public Path folder() {
		return this.folder;
	}

	/** The server's PID, from its postmaster.pid. */
	public long pid() {
		return Postmaster.of(this.folder).map(Postmaster::pid).orElse(-1L);
	}

	/** Stops the server (fast shutdown), then lets go of the watchdog and the folder. */
	@Override
	public void close() {
		var postmaster = Postmaster.of(this.folder);
		try {
			this.server.close();
			// pg_ctl returns once postmaster.pid is gone, a moment before the process
			// ends; and zonky gives it 5 s, when a checkpoint on a loaded disk may take
			// longer
			postmaster.ifPresent(running -> ProcessHandle.of(running.pid())
				.filter(process -> !Postmaster.waitFor(process, Postmaster.FAST_SHUTDOWN_BOUND))
				.ifPresent(process -> running.stop()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (this.watchdog != null) {
				this.watchdog.close();
			}
			if (Postmaster.of(this.folder).filter(Postmaster::isRunning).isEmpty()) {
				this.lock.close();
			}
		}
	}

}
