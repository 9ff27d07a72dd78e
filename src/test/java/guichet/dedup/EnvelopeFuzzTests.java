package guichet.dedup;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Properties;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import guichet.untrusted.MessageValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17: random header values thrown at the envelope parsing and at the other steps
 * of filing that read headers, which must never fail and must hand on only bounded, clean
 * values. {@code ./mvnw verify} runs it on the seeds in
 * {@code src/test/resources/guichet/dedup/EnvelopeFuzzTestsInputs/} (and on any finding
 * saved there); {@code scripts/fuzz.sh} fuzzes it for real.
 */
class EnvelopeFuzzTests {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final String[] HEADERS = { "From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References",
			"Date", "Delivered-To", "X-Original-To", "Sender", "Content-Type", "Content-Disposition",
			"Content-Transfer-Encoding", "Auto-Submitted", "Return-Path", "List-Id", "Received", "X-Guichet" };

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@FuzzTest(maxDuration = "10m")
	void envelopeParsingNeverFailsAndHandsOnOnlyBoundedCleanValues(FuzzedDataProvider data) {
		StringBuilder raw = new StringBuilder();
		int headers = data.consumeInt(0, 16);
		for (int i = 0; i < headers; i++) {
			raw.append(data.pickValue(HEADERS)).append(": ").append(data.consumeString(4000)).append("\r\n");
		}
		raw.append("\r\n").append(data.consumeRemainingAsString());
		byte[] bytes = raw.toString().getBytes(StandardCharsets.UTF_8);
		MimeMessage message;
		try {
			message = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
			message.getAllHeaders();
		}
		catch (MessagingException | RuntimeException ex) {
			// the Clerk quarantines what is not readable as mail (UNPARSABLE): nothing
			// further to check
			return;
		}

		Envelope envelope = Envelope.of(message);
		NotAnApplication.reasonFor(message, envelope, "guichet@committee.example");
		ContentFingerprint.of(message, bytes);
		var forward = Forward.in(message, PARIS);

		assertBounded(envelope.sender(), MessageValue.ADDRESS);
		assertBounded(envelope.senderName(), MessageValue.DISPLAY_NAME);
		assertBounded(envelope.subject(), MessageValue.SUBJECT);
		assertBounded(envelope.messageId(), MessageValue.MESSAGE_ID);
		assertThat(envelope.subjectKey().length()).isLessThanOrEqualTo(MessageValue.MAX_KEY);
		assertThat(envelope.recipients()).hasSizeLessThanOrEqualTo(MessageValue.MAX_RECIPIENTS)
			.allSatisfy(address -> assertBounded(address, MessageValue.ADDRESS));
		assertThat(envelope.references()).hasSizeLessThanOrEqualTo(MessageValue.MAX_REFERENCES)
			.allSatisfy(id -> assertBounded(id, MessageValue.MESSAGE_ID));
		assertThat(envelope.deliveredTo()).allSatisfy(address -> assertBounded(address, MessageValue.ADDRESS));
		forward.ifPresent(found -> {
			Envelope original = new Envelope(found.sender(), found.senderName(), found.subject(), found.messageId(),
					found.recipients(), found.statedAt());
			assertBounded(original.sender(), MessageValue.ADDRESS);
			assertBounded(original.subject(), MessageValue.SUBJECT);
		});
	}

	/**
	 * Within the field's limit (an identity's bounded form is as long), on one line,
	 * without control characters.
	 */
	private static void assertBounded(String value, MessageValue field) {
		if (value == null) {
			return;
		}
		assertThat(value.codePointCount(0, value.length())).isLessThanOrEqualTo(Math.max(field.limit(), 0));
		assertThat(value.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)))
			.as("no control character in %s", field)
			.isTrue();
		assertThat(value.chars().noneMatch(c -> (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)))
			.as("no bidirectional override in %s", field)
			.isTrue();
	}

}
