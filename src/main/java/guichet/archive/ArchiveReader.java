package guichet.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the messages of an archive, each with where it was found: an mbox file
 * ({@link MboxReader}), a Maildir folder ({@code cur/} and {@code new/}, and its
 * sub-folders), a {@code .eml} file, or a folder of any of them (a Maildir among them
 * too, as an unpacked zip holds it). What cannot be read is reported with its position,
 * and the rest is still read: a message that is not whole ({@link Truncation}) is
 * reported, not read.
 */
final class ArchiveReader {

	/**
	 * Larger than any mail provider accepts: beyond it a "message" is a misread file, not
	 * mail.
	 */
	static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

	private ArchiveReader() {
	}

	/**
	 * One message and where it was: {@code position} reads like "message 12 at byte 48213
	 * (line 1022)".
	 */
	record Found(Path file, String position, byte[] raw) {
	}

	record Problem(Path file, String position, String reason) {

		@Override
		public String toString() {
			return shownFrom(null);
		}

		/**
		 * The problem with its file named from {@code base} (an upload's folder), or as
		 * given when null.
		 */
		String shownFrom(Path base) {
			Path shown = base != null && file.startsWith(base) && !file.equals(base) ? base.relativize(file) : file;
			return shown + (position == null ? "" : ", " + position) + ": " + reason;
		}

	}

	interface Visitor {

		void found(Found message);

		void problem(Problem problem);

	}

	static void read(Path path, Visitor visitor) {
		if (Files.isDirectory(path)) {
			if (isMaildir(path)) {
				readMaildir(path, visitor);
			}
			else {
				readFolder(path, visitor);
			}
		}
		else if (Files.isRegularFile(path)) {
			readFile(path, visitor);
		}
		else {
			visitor.problem(new Problem(path, null, "no such file or folder"));
		}
	}

	private static boolean isMaildir(Path folder) {
		return Files.isDirectory(folder.resolve("cur")) || Files.isDirectory(folder.resolve("new"));
	}

	/**
	 * A folder's files and folders by name; a Maildir among them is read as one (its
	 * files are not mail files by name or content).
	 */
	private static void readFolder(Path folder, Visitor visitor) {
		List<Path> entries;
		try (Stream<Path> listed = Files.list(folder)) {
			entries = listed.sorted().toList();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			visitor.problem(new Problem(folder, null, "could not list the folder: " + ex.getMessage()));
			return;
		}
		for (Path entry : entries) {
			if (Files.isDirectory(entry)) {
				// what macOS adds to the zips it makes: resource forks, never mail
				if (!entry.getFileName().toString().equals("__MACOSX")) {
					read(entry, visitor);
				}
			}
			else if (Files.isRegularFile(entry)) {
				readFile(entry, visitor);
			}
		}
	}

	/**
	 * {@code new/} then {@code cur/}, each by file name, then the sub-folders
	 * ({@code .Sent}, {@code .Archive}…).
	 */
	private static void readMaildir(Path maildir, Visitor visitor) {
		for (String part : List.of("new", "cur")) {
			Path folder = maildir.resolve(part);
			if (!Files.isDirectory(folder)) {
				continue;
			}
			try (Stream<Path> files = Files.list(folder)) {
				files.filter(Files::isRegularFile).sorted().forEach(file -> readOne(file, "maildir message", visitor));
			}
			catch (IOException ex) {
				visitor.problem(new Problem(folder, null, "could not list the folder: " + ex.getMessage()));
			}
		}
		try (Stream<Path> children = Files.list(maildir)) {
			children
				.filter(child -> child.getFileName().toString().startsWith(".") && Files.isDirectory(child)
						&& isMaildir(child))
				.sorted()
				.forEach(child -> readMaildir(child, visitor));
		}
		catch (IOException ex) {
			visitor.problem(new Problem(maildir, null, "could not list the folder: " + ex.getMessage()));
		}
	}

	private static void readFile(Path file, Visitor visitor) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".eml")) {
			readOne(file, null, visitor);
			return;
		}
		byte[] start = new byte[5];
		int read;
		try (InputStream in = Files.newInputStream(file)) {
			read = in.readNBytes(start, 0, 5);
		}
		catch (IOException ex) {
			visitor.problem(new Problem(file, null, "unreadable: " + ex.getMessage()));
			return;
		}
		if (read == 5 && new String(start, StandardCharsets.US_ASCII).equals("From ")) {
			MboxReader.read(file, visitor);
		}
		else if (name.endsWith(".mbox") || name.endsWith(".mbx")) {
			visitor.problem(new Problem(file, "byte 0", "not an mbox file: it does not start with a \"From \" line"));
		}
		else {
			visitor.problem(new Problem(file, null, "neither an mbox file, a Maildir nor a .eml file: skipped"));
		}
	}

	private static void readOne(Path file, String position, Visitor visitor) {
		try {
			if (Files.size(file) > MAX_MESSAGE_BYTES) {
				visitor.problem(new Problem(file, position,
						"larger than " + MAX_MESSAGE_BYTES / 1024 / 1024 + " MB: not a message"));
				return;
			}
			byte[] raw = Files.readAllBytes(file);
			String truncation = Truncation.of(raw);
			if (truncation != null) {
				visitor.problem(new Problem(file, position, truncation));
				return;
			}
			visitor.found(new Found(file, position, raw));
		}
		catch (IOException ex) {
			visitor.problem(new Problem(file, position, "unreadable: " + ex.getMessage()));
		}
	}

}
