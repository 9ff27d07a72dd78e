package guichet.oauth2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import guichet.support.Guichets;
import guichet.support.Guichets.Settings;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OAuth2 setting that cannot work stops start-up before anything starts, naming the
 * setting and the registration.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuth2SettingsTests {

	static final String M365 = "spring.security.oauth2.client.registration.m365.";

	@Test
	void refusesAMailboxWhoseRegistrationDoesNotExist(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=outlook.office365.com", "guichet.mailboxes[0].username=shared@example.org",
				"guichet.mailboxes[0].auth=oauth2", "guichet.mailboxes[0].registration=m356", M365 + "client-id=app",
				M365 + "client-secret=s3cret-Pa55", M365 + "authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.provider.m365.token-uri=https://login.example.org/token");

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].registration = \"m356\": "
				+ "names no OAuth2 client registration: there is no spring.security.oauth2.client.registration.m356.* "
				+ "(configured: m365)")
			.doesNotContain("s3cret-Pa55");
		assertNothingStarted(output);
	}

	@Test
	void refusesOAuth2ForSmtpWithoutARegistration(CapturedOutput output) {
		startWith("guichet.smtp.host=smtp.office365.com", "guichet.smtp.username=guichet@example.org",
				"guichet.smtp.auth=oauth2");

		assertThat(output).contains("Invalid setting guichet.smtp.registration (not set): auth: oauth2 needs a "
				+ "registration naming one of spring.security.oauth2.client.registration.* (none is configured)");
		assertNothingStarted(output);
	}

	@Test
	void refusesOAuth2WithoutTheUserToSignInAs(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=imap.gmail.com", "guichet.mailboxes[0].auth=oauth2",
				"guichet.mailboxes[0].registration=m365", M365 + "client-id=app", M365 + "client-secret=x",
				M365 + "authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.provider.m365.token-uri=https://login.example.org/token");

		assertThat(output).contains("Invalid setting guichet.mailboxes[0].username (not set): auth: oauth2 needs the "
				+ "username to sign in as");
		assertNothingStarted(output);
	}

	@Test
	void refusesAnUnknownAuth(CapturedOutput output) {
		startWith("guichet.mailboxes[0].host=imap.example.org", "guichet.mailboxes[0].auth=kerberos");

		assertThat(output)
			.contains("Invalid setting guichet.mailboxes[0].auth = \"kerberos\": must be one of PASSWORD, OAUTH2");
		assertNothingStarted(output);
	}

	private static void startWith(String... settings) {
		Settings guichet = Guichets.bare();
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			guichet.set(setting.substring(0, equals), setting.substring(equals + 1));
		}

		guichet.refused();
	}

	private static void assertNothingStarted(CapturedOutput output) {
		assertThat(output).contains("APPLICATION FAILED TO START")
			.doesNotContain("Embedded PostgreSQL started")
			.doesNotContain("Embedded mail server");
	}

}
