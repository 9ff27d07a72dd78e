package guichet.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import guichet.language.Language;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinePolicyTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final DeadlinePolicy policy = new DeadlinePolicy(call("Europe/Paris", "2019-12-19", "2020-01-13"));

	@Test
	void endsTheFrenchDeadlineAtTheLastSecondOfTheDayInParis() {
		var deadline = this.policy.deadlineFor(Language.FR);

		assertThat(deadline).isEqualTo(Instant.parse("2019-12-19T22:59:59Z"));
	}

	@Test
	void endsTheEnglishDeadlineAtTheLastSecondOfTheDayInParis() {
		var deadline = this.policy.deadlineFor(Language.EN);

		assertThat(deadline).isEqualTo(Instant.parse("2020-01-13T22:59:59Z"));
	}

	@Test
	void appliesTheLaterDeadlineWhenLanguageIsUnknown() {
		var deadline = this.policy.deadlineFor(Language.UNKNOWN);

		assertThat(deadline).isEqualTo(Instant.parse("2020-01-13T22:59:59Z"));
	}

	@Test
	void appliesTheLaterDeadlineWhenLanguageIsUnknownEvenIfFrenchComesLast() {
		var policy = new DeadlinePolicy(call("Europe/Paris", "2020-02-01", "2020-01-13"));

		var deadline = policy.deadlineFor(Language.UNKNOWN);

		assertThat(deadline).isEqualTo(Instant.parse("2020-02-01T22:59:59Z"));
	}

	@Test
	void acceptsAFrenchNoteUntilTheLastMillisecondOfTheDeadlineDay() {
		var receivedAt = paris("2019-12-19T23:59:59.999");

		var status = this.policy.statusOf(receivedAt, Language.FR);

		assertThat(status).isEqualTo(DeadlineStatus.ON_TIME);
	}

	@Test
	void acceptsAFrenchNoteAtTheLastSecondOfTheDeadlineDay() {
		var receivedAt = paris("2019-12-19T23:59:59");

		var status = this.policy.statusOf(receivedAt, Language.FR);

		assertThat(status).isEqualTo(DeadlineStatus.ON_TIME);
	}

	@Test
	void flagsAFrenchNoteReceivedAtMidnightAfterTheDeadlineAsLate() {
		var receivedAt = paris("2019-12-20T00:00:00");

		var status = this.policy.statusOf(receivedAt, Language.FR);

		assertThat(status).isEqualTo(DeadlineStatus.LATE);
	}

	@Test
	void acceptsAnEnglishNoteAtTheLastSecondOfItsDeadlineDay() {
		var receivedAt = paris("2020-01-13T23:59:59");

		var status = this.policy.statusOf(receivedAt, Language.EN);

		assertThat(status).isEqualTo(DeadlineStatus.ON_TIME);
	}

	@Test
	void flagsAnEnglishNoteReceivedAtMidnightAfterItsDeadlineAsLate() {
		var receivedAt = paris("2020-01-14T00:00:00");

		var status = this.policy.statusOf(receivedAt, Language.EN);

		assertThat(status).isEqualTo(DeadlineStatus.LATE);
	}

	@Test
	void acceptsANoteOfUnknownLanguageAfterTheFrenchDeadline() {
		var receivedAt = paris("2019-12-20T00:00:00");

		var status = this.policy.statusOf(receivedAt, Language.UNKNOWN);

		assertThat(status).isEqualTo(DeadlineStatus.ON_TIME);
	}

	@Test
	void flagsAnEnglishNoteAsOnTimeWhenAFrenchOneWouldBeLate() {
		var receivedAt = paris("2020-01-02T10:00:00");

		assertThat(this.policy.statusOf(receivedAt, Language.EN)).isEqualTo(DeadlineStatus.ON_TIME);
		assertThat(this.policy.statusOf(receivedAt, Language.FR)).isEqualTo(DeadlineStatus.LATE);
	}

	private static Instant paris(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
	}

	static CallProperties call(String zone, String fr, String en) {
		return new CallProperties(ZoneId.of(zone),
				new CallProperties.Deadlines(LocalDate.parse(fr), LocalDate.parse(en)), 1);
	}

}
