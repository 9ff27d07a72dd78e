package guichet.application;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import guichet.deadline.CallProperties;
import guichet.deadline.DeadlinePolicy;
import guichet.intake.IntakeProperties;
import guichet.language.Language;
import guichet.language.LanguageDetector;
import guichet.note.NoteLimits;
import guichet.note.NoteReader;
import guichet.support.TestMail;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up warm-up reads its samples as applications are read, and says which one it could not read. */
class WarmUpTests {

	static WarmUp warmUp;

	@BeforeAll
	static void assessor() {
		var call = new CallProperties(ZoneId.of("Europe/Paris"),
				new CallProperties.Deadlines(LocalDate.parse("2019-12-19"), LocalDate.parse("2020-01-13")), 1);
		var assessor = new Assessor(new NoteReader(call, NoteLimits.defaults()), new LanguageDetector(), new DeadlinePolicy(call));
		// 0s: nothing runs in the background; the test runs the warm-up itself
		warmUp = new WarmUp(assessor, new IntakeProperties(200, DataSize.ofMegabytes(32), DataSize.ofMegabytes(25), 3,
				Duration.ZERO));
	}

	@Test
	void readsEverySampleInItsLanguageFromTheJar() {
		List<WarmUp.Sample> samples = WarmUp.samples();

		WarmUp.Result result = warmUp.run(samples, Duration.ZERO);

		assertThat(samples).extracting(WarmUp.Sample::name)
			.containsExactly("sample-fr.pdf", "sample-fr.docx", "sample-fr.odt", "sample-fr in the body", "sample-en.pdf",
					"sample-en.docx", "sample-en.odt", "sample-en in the body");
		assertThat(result.problems()).isEmpty();
		assertThat(result.messagesRead()).isEqualTo(samples.size());
	}

	@Test
	void keepsReadingForTheDurationOnEveryCore() {
		// the duration includes reading each sample once, which takes longer the first time
		warmUp.run(WarmUp.samples(), Duration.ZERO);

		WarmUp.Result result = warmUp.run(WarmUp.samples(), Duration.ofMillis(500));

		assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		assertThat(result.messagesRead()).isGreaterThan(WarmUp.samples().size());
	}

	@Test
	void namesASampleItCouldNotRead() {
		byte[] damaged = TestMail.application()
			.attach("note.pdf", "application/pdf", "%PDF-1.4 not really".getBytes(StandardCharsets.US_ASCII))
			.bytes();

		WarmUp.Result result = warmUp.run(List.of(new WarmUp.Sample("damaged.pdf", damaged, Language.FR)), Duration.ZERO);

		assertThat(result.problems()).singleElement()
			.asString()
			.startsWith("damaged.pdf read as ")
			.contains("CORRUPT: the file is damaged");
	}

	@Test
	void isOffWhenItsDurationIsZero() {
		assertThat(warmUp.result()).isEqualTo(new WarmUp.Result(0, Duration.ZERO, List.of()));
	}

}
