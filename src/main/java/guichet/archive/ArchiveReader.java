package guichet.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the messages of an archive, each with where it was found: an mbox file (mboxrd or
 * mboxo: {@code >From } lines are unescaped), a Maildir folder ({@code cur/} and
 * {@code new/}, and its sub-folders), a {@code .eml} file, or a folder of them. What
 * cannot be read is reported with its position, and the rest is still read: a truncated
 * last message of an mbox (the file ends before its headers do, or before its MIME parts
 * close) is reported, not read.
 */
final class ArchiveReader {

	/**
	 * Larger than any mail provider accepts: beyond it a "message" is a misread file, not
	 * mail.
	 */
	static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

	private static final Pattern BOUNDARY = Pattern.compile("(?is)boundary\\s*=\\s*\"?([^\";\\r\\n]+)\"?");

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
			return file + (position == null ? "" : ", " + position) + ": " + reason;
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
				try (Stream<Path> files = Files.walk(path)) {
					files.filter(Files::isRegularFile).sorted().forEach(file -> readFile(file, visitor));
				}
				catch (IOException | java.io.UncheckedIOException ex) {
					visitor.problem(new Problem(path, null, "could not list the folder: " + ex.getMessage()));
				}
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
			readMbox(file, visitor);
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
			String truncation = truncation(raw);
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

	/**
	 * An mbox, message by message: a line starting with {@code From } at the start of the
	 * file or after an empty line begins a message (its own line is the envelope, not
	 * part of the message).
	 */
	private static void readMbox(Path file, Visitor visitor) {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			ByteArrayOutputStream message = null;
			boolean previousBlank = true;
			boolean tooLarge = false;
			long offset = 0;
			long line = 0;
			int count = 0;
			String position = null;
			ByteArrayOutputStream current = new ByteArrayOutputStream(256);
			boolean endsWithNewline = true;
			for (int b;;) {
				current.reset();
				while ((b = in.read()) != -1) {
					current.write(b);
					if (b == '\n') {
						break;
					}
				}
				if (current.size() == 0) {
					break;
				}
				byte[] bytes = current.toByteArray();
				endsWithNewline = bytes[bytes.length - 1] == '\n';
				line++;
				boolean separator = previousBlank && startsWith(bytes, "From ");
				if (separator) {
					if (message != null) {
						emit(file, position, message, tooLarge, true, visitor);
					}
					count++;
					position = "message %d at byte %d (line %d)".formatted(count, offset, line);
					message = new ByteArrayOutputStream(8192);
					tooLarge = false;
				}
				else if (message == null) {
					if (line == 1) {
						visitor.problem(
								new Problem(file, "byte 0 (line 1)", "text before the first \"From \" line: skipped"));
					}
				}
				else if (!tooLarge) {
					int skip = isEscapedFrom(bytes) ? 1 : 0;
					message.write(bytes, skip, bytes.length - skip);
					tooLarge = message.size() > MAX_MESSAGE_BYTES;
				}
				previousBlank = isBlank(bytes);
				offset += bytes.length;
			}
			if (message != null) {
				emit(file, position, message, tooLarge, endsWithNewline, visitor);
			}
		}
		catch (IOException ex) {
			visitor.problem(new Problem(file, null, "unreadable: " + ex.getMessage()));
		}
	}

	private static void emit(Path file, String position, ByteArrayOutputStream message, boolean tooLarge,
			boolean complete, Visitor visitor) {
		if (tooLarge) {
			visitor.problem(new Problem(file, position,
					"larger than " + MAX_MESSAGE_BYTES / 1024 / 1024 + " MB: not a message (a damaged mbox?)"));
			return;
		}
		byte[] raw = withoutSeparatorLine(message.toByteArray());
		String truncation = complete ? truncation(raw) : "truncated: the file ends in the middle of this message";
		if (truncation != null) {
			visitor.problem(new Problem(file, position, truncation + "; it was not imported"));
			return;
		}
		visitor.found(new Found(file, position, raw));
	}

	/**
	 * Why these bytes are not a whole message, or null: headers never end, or MIME parts
	 * never close.
	 */
	static String truncation(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int headersEnd = text.indexOf("\n\n");
		int crlfEnd = text.indexOf("\r\n\r\n");
		if (headersEnd < 0 && crlfEnd < 0) {
			return text.isBlank() ? "empty: not a message" : "truncated: its headers never end";
		}
		int end = headersEnd < 0 ? crlfEnd : crlfEnd < 0 ? headersEnd : Math.min(headersEnd, crlfEnd);
		String headers = text.substring(0, end);
		if (!headers.contains(":")) {
			return "not a message: no header";
		}
		Matcher boundary = BOUNDARY.matcher(headers);
		if (headers.toLowerCase(Locale.ROOT).contains("multipart/") && boundary.find()
				&& !text.contains("--" + boundary.group(1).strip() + "--")) {
			return "truncated: its MIME parts never close (no closing boundary)";
		}
		return null;
	}

	/**
	 * The mbox's empty line before the next "From " belongs to the format, not to the
	 * message.
	 */
	private static byte[] withoutSeparatorLine(byte[] raw) {
		int length = raw.length;
		if (length >= 2 && raw[length - 1] == '\n' && raw[length - 2] == '\n') {
			length--;
		}
		else if (length >= 4 && raw[length - 1] == '\n' && raw[length - 2] == '\r' && raw[length - 3] == '\n') {
			length -= 2;
		}
		return length == raw.length ? raw : java.util.Arrays.copyOf(raw, length);
	}

	private static boolean isEscapedFrom(byte[] line) {
		int i = 0;
		while (i < line.length && line[i] == '>') {
			i++;
		}
		return i > 0 && startsWith(java.util.Arrays.copyOfRange(line, i, line.length), "From ");
	}

	private static boolean startsWith(byte[] line, String prefix) {
		if (line.length < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (line[i] != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isBlank(byte[] line) {
		for (byte b : line) {
			if (b != '\n' && b != '\r') {
				return false;
			}
		}
		return true;
	}

}
