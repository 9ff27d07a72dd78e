package guichet.untrusted;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import guichet.support.Reliability;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17: every value from a message is bounded and cleaned the same way, in one
 * place.
 */
class MessageValueTests {

	@Test
	void aLineBreakInANameBecomesASpace() {
		String name = MessageValue.DISPLAY_NAME.clean("Ana\r\n Bcc: victim@example.org");

		assertThat(name).isEqualTo("Ana Bcc: victim@example.org");
	}

	@Test
	void nulAndOtherControlCharactersAreRemovedFromFileNames() {
		assertThat(MessageValue.FILE_NAME.clean("note\u0000.pdf\u0007")).isEqualTo("note .pdf");
	}

	@Test
	void bidirectionalOverridesAreNeutralised() {
		// "invoice\u202Efdp.exe" reads "invoiceexe.pdf" on screen
		assertThat(MessageValue.FILE_NAME.clean("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
	}

	@Test
	void aLongSubjectIsCutAndSaysHowLongItWas() {
		String subject = MessageValue.SUBJECT.clean("x".repeat(200_000));

		assertThat(subject).hasSizeLessThanOrEqualTo(500).endsWith("… [200000 characters]");
	}

	@Test
	void longIdentitiesStayDistinctWithinTheirLimit() {
		String one = MessageValue.MESSAGE_ID.clean("a".repeat(10_000) + "1@example.org");
		String two = MessageValue.MESSAGE_ID.clean("a".repeat(10_000) + "2@example.org");

		assertThat(one).hasSizeLessThanOrEqualTo(250).isNotEqualTo(two);
		assertThat(two).hasSizeLessThanOrEqualTo(250);
	}

	@Test
	void textIsNormalisedForComparisons() {
		assertThat(MessageValue.address("Ame\u0301lie@Example.org")).isEqualTo("am\u00e9lie@example.org");
	}

	@Test
	void multiLineTextKeepsItsLinesAndLosesItsControls() {
		assertThat(MessageValue.TEXT.clean("one\r\ntwo\u0000\tthree\rfour")).isEqualTo("one\ntwo\tthree\nfour");
	}

	@Test
	void unpairedSurrogatesAreReplaced() {
		assertThat(MessageValue.SUBJECT.clean("a\uD800b")).isEqualTo("a\uFFFDb");
	}

	/** The limits table of docs/RELIABILITY.md, from the code itself. */
	@AfterAll
	static void writeTheLimitsForTheReport() throws IOException {
		Files.createDirectories(Reliability.DIRECTORY);
		StringBuilder rows = new StringBuilder("field\tlimit\tbounding\treason\n");
		for (MessageValue field : MessageValue.values()) {
			rows.append(field.name())
				.append('\t')
				.append(field.limit() == Integer.MAX_VALUE ? "—" : String.valueOf(field.limit()))
				.append('\t')
				.append(field.bounding())
				.append('\t')
				.append(field.reason())
				.append('\n');
		}
		rows.append("To and Cc\t")
			.append(MessageValue.MAX_RECIPIENTS)
			.append(" addresses\tthe rest ignored\t")
			.append("a mail to the committee names a handful; 200 is already a mailing list\n");
		rows.append("In-Reply-To, References\t")
			.append(MessageValue.MAX_REFERENCES)
			.append(" ids\tthe rest ignored\t")
			.append("threads are rarely deeper; only Guichet's own ids matter\n");
		rows.append("subject key\t")
			.append(MessageValue.MAX_KEY)
			.append("\tbeginning + SHA-256\t")
			.append("in the unique index (applicant, subject key): btree entries are limited to 2,700 bytes\n");
		Files.writeString(Reliability.DIRECTORY.resolve("message-values.limits"), rows.toString(),
				StandardCharsets.UTF_8);
	}

}
