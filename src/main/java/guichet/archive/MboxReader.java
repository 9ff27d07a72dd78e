package guichet.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import guichet.archive.ArchiveReader.Found;
import guichet.archive.ArchiveReader.Problem;
import guichet.archive.ArchiveReader.Visitor;

/**
 * Splits an mbox file into its messages (mboxrd or mboxo: {@code >From } lines are
 * unescaped), each with its number, byte offset and line: a line starting with
 * {@code From } at the start of the file or after an empty line begins a message (its own
 * line is the envelope, not part of the message). A file that stops mid-line ends in a
 * truncated message, which is reported, not read.
 */
final class MboxReader {

	private MboxReader() {
	}

	static void read(Path file, Visitor visitor) {
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
				boolean separator = previousBlank && startsWith(bytes, 0, "From ");
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
					tooLarge = message.size() > ArchiveReader.MAX_MESSAGE_BYTES;
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
			visitor.problem(new Problem(file, position, "larger than " + ArchiveReader.MAX_MESSAGE_BYTES / 1024 / 1024
					+ " MB: not a message (a damaged mbox?)"));
			return;
		}
		byte[] raw = withoutSeparatorLine(message.toByteArray());
		String truncation = complete ? Truncation.of(raw) : "truncated: the file ends in the middle of this message";
		if (truncation != null) {
			visitor.problem(new Problem(file, position, truncation + "; it was not imported"));
			return;
		}
		visitor.found(new Found(file, position, raw));
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
		return length == raw.length ? raw : Arrays.copyOf(raw, length);
	}

	private static boolean isEscapedFrom(byte[] line) {
		int i = 0;
		while (i < line.length && line[i] == '>') {
			i++;
		}
		return i > 0 && startsWith(line, i, "From ");
	}

	private static boolean startsWith(byte[] line, int from, String prefix) {
		if (line.length - from < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (line[from + i] != prefix.charAt(i)) {
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
