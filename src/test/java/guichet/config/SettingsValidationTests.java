package guichet.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import guichet.support.Guichets;
import guichet.support.Guichets.Settings;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad setting stops the real application before the database or a mail server starts,
 * with one message naming the property and the value (CONTRACT §2).
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsValidationTests {

	@Test
	void refusesABackupScheduleThatIsNotACron(CapturedOutput output) {
		startWith("guichet.embedded.backup.cron=every night");

		assertThat(output)
			.contains("Invalid setting guichet.embedded.backup.cron = \"every night\": must be a cron of six "
					+ "fields (second minute hour day month weekday) such as \"0 30 3 * * *\" (every day at 03:30), or - for never");
		assertNothingStarted(output);
	}

	@Test
	void refusesAMisspelledSectionSayingWhichOneWasMeant(CapturedOutput output) {
		startWith("guichet.acknowledgment.enabled=false");

		assertThat(output).contains("Invalid setting guichet.acknowledgment.enabled = \"false\": "
				+ "guichet.acknowledgment is not a section of Guichet's settings (did you mean guichet.acknowledgements?)");
		assertNothingStarted(output);
	}

	@Test
	void refusesAMisspelledSettingInASection(CapturedOutput output) {
		startWith("guichet.embedded.pol-interval=1s");

		assertThat(output)
			.contains("Invalid setting guichet.embedded.pol-interval = \"1s\": is not a setting Guichet knows");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnUnparsableDeadline(CapturedOutput output) {
		startWith("guichet.call.deadlines.fr=2019-13-45");

		assertThat(output).contains("Invalid setting guichet.call.deadlines.fr = \"2019-13-45\": "
				+ "must be a date written year-month-day, such as 2019-12-19");
		assertNothingStarted(output);
	}

	@Test
	void refusesAMailboxWithoutHost(CapturedOutput output) {
		startWith("guichet.mailboxes[0].protocol=imap");

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].host (not set): "
				+ "every mailbox needs a host, such as imap.example.org");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnUnknownProtocol(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=mail.example.org", "guichet.mailboxes[0].protocol=smtp");

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].protocol = \"smtp\": "
				+ "must be one of IMAP, IMAPS, POP3, POP3S");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnInvalidCommitteeAddress(CapturedOutput output) {
		startWith("guichet.committee[0]=alice@committee.example", "guichet.committee[1]=bruno@committee.example",
				"guichet.committee[2]=not-an-address", "guichet.committee[3]=dariusz@committee.example");

		assertThat(output)
			.contains("Invalid setting guichet.committee[2] = \"not-an-address\": must be a well-formed email address");
		assertNothingStarted(output);
	}

	@Test
	void refusesADigestLanguageOtherThanFrenchOrEnglish(CapturedOutput output) {
		startWith("guichet.committee[0]=odile.chagny@ires.fr", "guichet.committee[1].email=idoreste@etuc.org",
				"guichet.committee[1].language=es");

		assertThat(output).contains("Invalid setting guichet.committee[1].language = \"es\": "
				+ "must be fr or en (the digest's headings in that language), or unset for both");
		assertNothingStarted(output);
	}

	@Test
	void refusesTheSameMemberTwiceWhateverTheCase(CapturedOutput output) {
		startWith("guichet.committee[0]=odile.chagny@ires.fr", "guichet.committee[1].name=Odile Chagny",
				"guichet.committee[1].email=Odile.Chagny@IRES.fr");

		assertThat(output).contains("Invalid setting guichet.committee[1].email = \"Odile.Chagny@IRES.fr\": "
				+ "this address is already a committee member's (addresses compare without case)");
		assertNothingStarted(output);
	}

	@Test
	void refusesAUserLinkedToSomeoneOutsideTheCommittee(CapturedOutput output) {
		startWith("guichet.security.users[0].username=christophe", "guichet.security.users[0].password=x",
				"guichet.security.users[0].role=COMMITTEE", "guichet.security.users[0].member=c.teisier@astrees.org");

		assertThat(output).contains("Invalid setting guichet.security.users[0].member = \"c.teisier@astrees.org\": "
				+ "no committee member has this address; it must be one of guichet.committee: odile.chagny@ires.fr, "
				+ "idoreste@etuc.org, wkowalsk@etuc.org, c.teissier@astrees.org");
		assertNothingStarted(output);
	}

	@Test
	void refusesAMailboxSaidToBeSomeoneOutsideTheCommittee(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=imap.example.org", "guichet.mailboxes[0].username=odile",
				"guichet.mailboxes[0].member=o.chagny@ires.fr");

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].member = \"o.chagny@ires.fr\": "
				+ "no committee member has this address; it must be one of guichet.committee: odile.chagny@ires.fr, "
				+ "idoreste@etuc.org, wkowalsk@etuc.org, c.teissier@astrees.org");
		assertNothingStarted(output);
	}

	@Test
	void refusesACommitteeItemThatWouldBeIgnored(CapturedOutput output) {
		startWith("guichet.committee[2]=not-an-address");

		assertThat(output)
			.contains("Invalid setting guichet.committee[2] = \"not-an-address\": is not a setting Guichet knows")
			.contains("numbered from [0] without gaps");
		assertNothingStarted(output);
	}

	@Test
	void refusesANegativePollIntervalShowingTheValueAsWritten(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=mail.example.org", "guichet.mailboxes[0].poll-interval=-5s");

		assertThat(output)
			.contains("Invalid setting guichet.mailboxes[0].poll-interval = \"-5s\": "
					+ "must be a positive duration such as 30s or PT1M")
			.contains("(from \"guichet.mailboxes[0].poll-interval\" from property source \"commandLineArgs\")");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnUploadLimitOfZero(CapturedOutput output) {
		startWith("guichet.import.max-upload-size=0");

		assertThat(output).contains("Invalid setting guichet.import.max-upload-size = \"0\": "
				+ "must be a size larger than zero, such as 200MB");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnUploadLimitThatIsNotASize(CapturedOutput output) {
		startWith("guichet.import.max-upload-size=lots");

		assertThat(output).contains(
				"Invalid setting guichet.import.max-upload-size = \"lots\": " + "must be a size such as 512KB or 25MB");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnUnknownTimezone(CapturedOutput output) {
		startWith("guichet.call.timezone=Europe/Pariss");

		assertThat(output).contains("Invalid setting guichet.call.timezone = \"Europe/Pariss\": "
				+ "must be a time zone such as Europe/Paris or UTC");
		assertNothingStarted(output);
	}

	@Test
	void refusesAPageLimitOfZero(CapturedOutput output) {
		startWith("guichet.call.max-note-pages=0");

		assertThat(output).contains("Invalid setting guichet.call.max-note-pages = \"0\": must be greater than 0");
		assertNothingStarted(output);
	}

	@Test
	void refusesMovingMessagesOfAPop3Mailbox(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=mail.example.org", "guichet.mailboxes[0].protocol=pop3",
				"guichet.mailboxes[0].after-processing=MOVE");

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].after-processing = \"MOVE\": "
				+ "is not possible with POP3, which has no flags or folders: use KEEP or DELETE");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnUnknownAfterProcessing(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=mail.example.org", "guichet.mailboxes[0].after-processing=ARCHIVE");

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].after-processing = \"ARCHIVE\": "
				+ "must be one of KEEP, MARK_SEEN, MOVE, DELETE");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnUnknownRole(CapturedOutput output) {
		startWith("guichet.security.users[0].username=owner", "guichet.security.users[0].password=s3cret-Pa55",
				"guichet.security.users[0].role=OWNER");

		assertThat(output).contains(
				"Invalid setting guichet.security.users[0].role = \"OWNER\": must be one of COMMITTEE, CHAIR, ADMIN")
			.doesNotContain("s3cret-Pa55");
		assertNothingStarted(output);
	}

	@Test
	void namesTheEnvironmentVariableThatHoldsTheBadValue(CapturedOutput output) {
		startWithEnvironment(Map.of("GUICHET_MAILBOXES_0_HOST", "mail", "GUICHET_MAILBOXES_0_POLLINTERVAL", "-5s"));

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].poll-interval = \"-5s\"")
			.contains("GUICHET_MAILBOXES_0_POLLINTERVAL");
		assertNothingStarted(output);
	}

	@Test
	void neverShowsAMailboxPassword(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=mail.example.org", "guichet.mailboxes[0].username=shared",
				"guichet.mailboxes[0].password=s3cret-Pa55", "guichet.mailboxes[0].poll-interval=0s");

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].poll-interval = \"0s\"")
			.doesNotContain("s3cret-Pa55");
	}

	@Test
	void hidesAPasswordEvenWhenItIsRefused(CapturedOutput output) {
		startWith("guichet.security.users[0].username=admin", "guichet.security.users[0].password= ",
				"guichet.security.users[0].role=ADMIN");

		assertThat(output)
			.contains("Invalid setting guichet.security.users[0].password = \"(hidden)\": " + "must not be blank");
	}

	private static void startWith(String... settings) {
		start(settings, Map.of());
	}

	@Test
	void refusesASettingsFileThatIsNotYamlNamingItsLine(CapturedOutput output) throws Exception {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("guichet-settings", ".yml");
		java.nio.file.Files.writeString(file, "guichet:\n  call:\n    deadlines:\n   fr: 2099-12-31\n");

		start(new String[] { "spring.config.additional-location=" + file.toUri() }, Map.of());

		assertNothingStarted(output);
		assertThat(output).contains("A settings file is not valid YAML at line 4, column 4")
			.contains("indent with spaces");
	}

	private static void startWithEnvironment(Map<String, Object> variables) {
		start(new String[0], variables);
	}

	/**
	 * Starts the real application as an admin would, each run with its own data directory
	 * and free ports.
	 */
	private static void start(String[] settings, Map<String, Object> variables) {
		Settings guichet = Guichets.bare();
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			guichet.set(setting.substring(0, equals), setting.substring(equals + 1));
		}
		variables.forEach(guichet::environment);

		guichet.refused();
	}

	private static void assertNothingStarted(CapturedOutput output) {
		assertThat(output).contains("APPLICATION FAILED TO START")
			.doesNotContain("Embedded PostgreSQL started")
			.doesNotContain("Embedded mail server");
	}

}
