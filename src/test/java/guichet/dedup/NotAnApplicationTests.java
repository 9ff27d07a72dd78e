package guichet.dedup;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import guichet.support.TestMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real bounces, reports and list mail written by other projects (../shared/corpus), and
 * an ordinary application.
 */
class NotAnApplicationTests {

	static final Path CORPUS = Path.of("..", "shared", "corpus", "mail");

	@ParameterizedTest
	@CsvSource({ "delivery-status.eml, BOUNCE", "msg_16.txt, BOUNCE", "bounce.eml, BOUNCE", "msg_02.txt, MAILING_LIST",
			"mbox.rlug, BULK_OR_LIST" })
	void realWorldBouncesAndListMailAreNotApplications(String file, String reason) throws Exception {
		MimeMessage message = corpus(file);

		Optional<String> verdict = NotAnApplication.reasonFor(message, Envelope.of(message),
				"guichet@committee.example");

		assertThat(verdict).hasValueSatisfying(text -> assertThat(text).startsWith(reason));
	}

	@Test
	void anOrdinaryApplicationIsOne() throws Exception {
		MimeMessage message = TestMail.application().build();

		assertThat(NotAnApplication.reasonFor(message, Envelope.of(message), "guichet@committee.example")).isEmpty();
	}

	@Test
	void autoSubmittedNoIsAnOrdinaryMessage() throws Exception {
		MimeMessage message = TestMail.application().header("Auto-Submitted", "no").build();

		assertThat(NotAnApplication.reasonFor(message, Envelope.of(message), "guichet@committee.example")).isEmpty();
	}

	@Test
	void mailFromGuichetsOwnAddressIsItsOwn() throws Exception {
		MimeMessage message = TestMail.application().from("Guichet <Guichet@Committee.example>").build();

		assertThat(NotAnApplication.reasonFor(message, Envelope.of(message), "guichet@committee.example"))
			.hasValueSatisfying(text -> assertThat(text).startsWith("SENT_BY_GUICHET"));
	}

	static MimeMessage corpus(String file) throws Exception {
		Path path = CORPUS.resolve(file);
		assumeTrue(Files.exists(path), "the shared corpus is beside the project");
		try (InputStream in = Files.newInputStream(path)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

}
