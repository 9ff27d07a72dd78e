package guichet.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Who owns a data folder: the process holding an operating-system lock on
 * {@code guichet.lock} in it, which the system releases however the process ends (a
 * {@code kill -9} included). The file also says who took it, so that a second Guichet can
 * name the first, and so that the next owner knows the previous one ended without closing
 * (the file is emptied on a clean close).
 */
final class DataFolderLock implements AutoCloseable {

	static final String FILE_NAME = "guichet.lock";

	private final FileChannel channel;

	private final FileLock lock;

	private final Owner previous;

	private DataFolderLock(FileChannel channel, FileLock lock, Owner previous) {
		this.channel = channel;
		this.lock = lock;
		this.previous = previous;
	}

	/**
	 * Takes the folder for this process.
	 * @throws DataFolderInUseException when a live process holds it
	 */
	static DataFolderLock take(Path folder) {
		FileChannel channel = null;
		try {
			channel = FileChannel.open(folder.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			Owner recorded = Owner.read(channel);
			if (lock == null) {
				channel.close();
				throw inUse(folder, recorded);
			}
			Owner self = Owner.self();
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(self.toString().getBytes(StandardCharsets.UTF_8)), 0);
			channel.force(true);
			return new DataFolderLock(channel, lock, recorded);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException("Could not lock " + folder.resolve(FILE_NAME) + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The owner that had not closed cleanly before this one took the folder (it crashed
	 * or was killed).
	 */
	Optional<Owner> uncleanPrevious() {
		return Optional.ofNullable(this.previous);
	}

	/** A clean end: the next owner will find the file empty. */
	@Override
	public void close() {
		try {
			if (this.channel.isOpen()) {
				this.channel.truncate(0);
				this.channel.force(true);
				this.lock.release();
			}
		}
		catch (IOException ex) {
			// the lock goes with the channel below; the next owner will only believe this
			// one crashed
		}
		finally {
			closeQuietly(this.channel);
		}
	}

	private static DataFolderInUseException inUse(Path folder, Owner owner) {
		long self = ProcessHandle.current().pid();
		String who;
		if (owner == null) {
			who = "another process";
		}
		else if (owner.pid() == self) {
			who = "this process (" + self + ") already";
		}
		else {
			String command = ProcessHandle.of(owner.pid())
				.flatMap(process -> process.info().commandLine())
				.orElse(owner.command());
			// a class path can run to pages: the start says which program it is
			command = command.length() > 160 ? command.substring(0, 160) + "…" : command;
			who = "Guichet process %d (%s, since %s), which is still running".formatted(owner.pid(), command,
					owner.since());
		}
		return new DataFolderInUseException("%s is in use by %s".formatted(folder, who),
				owner == null ? -1 : owner.pid());
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ignored) {
				// nothing held
			}
		}
	}

	/**
	 * What the lock file says: {@code pid}, {@code since}, {@code command} on three
	 * lines.
	 */
	record Owner(long pid, Instant since, String command) {

		static Owner self() {
			ProcessHandle self = ProcessHandle.current();
			return new Owner(self.pid(), Instant.now(), self.info().commandLine().orElse("java"));
		}

		static Owner read(FileChannel channel) throws IOException {
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
			channel.read(buffer, 0);
			String[] lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n", 3);
			try {
				return new Owner(Long.parseLong(lines[0].strip()), Instant.parse(lines[1].strip()),
						lines.length > 2 ? lines[2].strip() : "");
			}
			catch (RuntimeException ex) {
				// empty: the last owner closed cleanly (or never wrote)
				return null;
			}
		}

		@Override
		public String toString() {
			return this.pid + "\n" + this.since + "\n" + this.command + "\n";
		}

	}

}
