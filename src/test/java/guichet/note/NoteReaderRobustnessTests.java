package guichet.note;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whatever arrives in the mailbox, reading its note gives an answer: a broken message
 * never stops the intake.
 */
class NoteReaderRobustnessTests {

	private static final NoteReader reader = new NoteReader(NoteFormatsTests.CALL, NoteLimits.defaults(), 0);

	static Stream<Path> mails() throws IOException {
		Path mail = NoteFiles.CORPUS.resolve("mail");
		assumeTrue(Files.isDirectory(mail), "the shared corpus is not available");
		return Files.list(mail).filter(Files::isRegularFile).sorted();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mails")
	void readsAnyMessageWithoutThrowing(Path file) throws IOException, MessagingException {
		MimeMessage message;
		try (InputStream in = Files.newInputStream(file)) {
			message = new MimeMessage(NoteFiles.SESSION, in);
		}

		var reading = reader.read(message);

		assertThat(reading.languageText()).isNotNull();
		// a reason without a note says why no note was taken from a message of too many
		// parts (issue #17)
		assertThat(reading.hasNote() || reading.unreadableReason() == null
				|| reading.unreadableReason().startsWith("TOO_MANY_PARTS"))
			.isTrue();
	}

}
