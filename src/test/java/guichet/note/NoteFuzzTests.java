package guichet.note;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import guichet.support.TestMail;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes an applicant attaches, reading the note ends in one clear outcome
 * (CONTRACT §5): no note, a note read within the text limit, or a note that cannot be
 * read with a reason that starts with its code; never an exception. {@code ./mvnw verify}
 * replays the seeds (the project's notes and the documents of {@code ../shared/corpus}
 * when present) and any finding saved under {@code NoteFuzzTestsInputs/};
 * {@code scripts/fuzz.sh} lets Jazzer mutate them for real.
 */
class NoteFuzzTests {

	/**
	 * The attachment limit of the reader below; seeds over it are not read, so they are
	 * left out.
	 */
	private static final long MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

	private static final int MAX_TEXT_CHARACTERS = 200_000;

	/**
	 * Built by the first input, once Jazzer's agent is there to see its classes load: a
	 * record of Guichet's loaded before (in a static field, or by the seeds, which are
	 * provided before the agent) failed with NoSuchFieldError when the agent instrumented
	 * it afterwards.
	 */
	private static NoteReader reader;

	private static synchronized NoteReader reader() {
		if (reader == null) {
			reader = new NoteReader(NoteFormatsTests.CALL,
					new NoteLimits(Duration.ofSeconds(5), MAX_TEXT_CHARACTERS, DataSize.ofBytes(MAX_ATTACHMENT_BYTES)),
					0);
		}
		return reader;
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "5m")
	void everyAttachedDocumentGetsAClearReading(byte[] document) {
		// a name that claims a word-processing document: content that only says "a ZIP"
		// or "an OLE file" is then
		// read as one, the deepest way through the parsers
		var message = TestMail.application()
			.body("Bonjour, voici notre note.")
			.attach("note.docx", "application/octet-stream", document)
			.parsed();

		NoteReading reading = reader().read(message);

		assertThat(reading).isNotNull();
		if (reading.isUnreadable()) {
			assertThat(reading.unreadableReason()).matches("(?s)[A-Z_]+: .+");
		}
		if (!reading.hasNote()) {
			assertThat(reading.text()).isEmpty();
		}
		else if (!reading.isUnreadable()) {
			assertThat(reading.text().length()).isLessThanOrEqualTo(MAX_TEXT_CHARACTERS);
			assertThat(reading.note().pageCount()).satisfiesAnyOf(pages -> assertThat(pages).isNull(),
					pages -> assertThat(pages).isNotNegative());
		}
	}

	static Stream<Arguments> seeds() {
		Map<String, byte[]> seeds = new TreeMap<>();
		seeds.put("plain-text", "Notre coopérative de livreurs à Lyon".getBytes(StandardCharsets.UTF_8));
		for (Path directory : List.of(NoteFiles.NOTES, NoteFiles.NOTES.resolve("source"),
				NoteFiles.CORPUS.resolve("documents"))) {
			for (Path file : files(directory)) {
				seeds.put(directory.getFileName() + "-" + file.getFileName(), NoteFiles.bytes(file));
			}
		}
		return seeds.entrySet().stream().map(seed -> Arguments.of(Named.of(seed.getKey(), seed.getValue())));
	}

	/**
	 * The regular files of a directory up to the attachment limit, sorted; none when it
	 * is absent.
	 */
	private static List<Path> files(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (var files = Files.list(directory)) {
			return files.filter(Files::isRegularFile)
				.filter(file -> file.toFile().length() <= MAX_ATTACHMENT_BYTES)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
