package guichet.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import guichet.mail.Bundles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a deadline applies, in the words of the reader's bundle: a late applicant most
 * often counted on the other language's later deadline, so that is said too.
 */
class DeadlineReasonTests {

	private static DeadlineReason reason(String french, String english) {
		return new DeadlineReason(
				new CallProperties(ZoneId.of("Europe/Paris"),
						new CallProperties.Deadlines(LocalDate.parse(french), LocalDate.parse(english)), 1),
				Bundles.messages());
	}

	@Test
	void aLateFrenchNoteIsToldTheLaterEnglishDeadlineDoesNotApply() {
		DeadlineReason call = reason("2019-12-19", "2020-01-13");

		assertThat(call.of("fr", null, true, Locale.FRENCH)).isEqualTo(
				"note en français, la date limite française (2019-12-19) s'applique, même si celle de l'appel en anglais (2020-01-13) est plus tardive");
		assertThat(call.of("fr", null, true, Locale.ENGLISH)).isEqualTo(
				"the note is in French, so the French deadline (2019-12-19) applies, even though the English call's deadline (2020-01-13) is later");
	}

	@Test
	void anOnTimeNoteIsToldOnlyItsOwnDeadline() {
		DeadlineReason call = reason("2019-12-19", "2020-01-13");

		assertThat(call.of("fr", null, false, Locale.FRENCH))
			.isEqualTo("note en français : date limite française (2019-12-19)");
		assertThat(call.of("en", null, true, Locale.ENGLISH))
			.isEqualTo("the note is in English, so the English deadline (2020-01-13) applies");
		assertThat(call.of("unknown", null, true, Locale.GERMAN))
			.isEqualTo("the language was not recognised, so the later deadline applies");
	}

	@Test
	void whenTheFrenchDeadlineIsTheLaterOneALateEnglishNoteIsToldSo() {
		DeadlineReason call = reason("2020-01-13", "2019-12-19");

		assertThat(call.of("en", null, true, Locale.FRENCH)).isEqualTo(
				"note en anglais, la date limite anglaise (2019-12-19) s'applique, même si celle de l'appel en français (2020-01-13) est plus tardive");
	}

	@Test
	void anApplicationJudgedBeforeTheDeadlinesMovedIsExplainedByTheDeadlineItWasJudgedAgainst() {
		DeadlineReason moved = reason("2099-12-31", "2099-12-31");
		Instant judgedAgainst = Instant.parse("2019-12-19T22:59:59Z");

		assertThat(moved.of("fr", judgedAgainst, true, Locale.ENGLISH)).isEqualTo(
				"the note is in French: the French deadline (2019-12-19) applies; the settings now give 2099-12-31: an admin can judge again from the admin pages");
	}

}
