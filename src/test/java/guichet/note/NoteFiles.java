package guichet.note;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.mail.Session;

/**
 * Where the note tests find their documents: the project's notes in every format, and the
 * shared corpus when present. Mail is built with {@link guichet.support.TestMail}.
 */
final class NoteFiles {

	static final Session SESSION = Session.getInstance(new Properties());

	static final Path NOTES = Path.of("src", "test", "resources", "notes");

	static final Path CORPUS = Path.of("..", "shared", "corpus");

	private NoteFiles() {
	}

	static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path note(String name) {
		return NOTES.resolve(name);
	}

	static Path document(String name) {
		return CORPUS.resolve("documents").resolve(name);
	}

}
