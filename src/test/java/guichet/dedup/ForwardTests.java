package guichet.dedup;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17: the header blocks members' mail clients write when they forward inline, in
 * French, English and German.
 */
class ForwardTests {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** 16 December 2019, 10:00 in Paris. */
	static final Instant STATED = Instant.parse("2019-12-16T09:00:00Z");

	@Test
	void readsThunderbirdInFrench() throws Exception {
		Forward forward = forwardOf("""
				Pour info.

				-------- Message transféré --------
				Sujet : 	Candidature AMI – livreurs de Lyon
				Date : 	Mon, 16 Dec 2019 10:00:00 +0100
				De : 	Karim Benali <karim.benali@example.org>
				Pour : 	alice@committee.example, bruno@committee.example

				Bonjour, voici notre candidature.
				""");

		assertThat(forward.sender()).isEqualTo("karim.benali@example.org");
		assertThat(forward.senderName()).isEqualTo("Karim Benali");
		assertThat(forward.confirmed()).isTrue();
		assertThat(forward.subject()).isEqualTo("Candidature AMI – livreurs de Lyon");
		assertThat(forward.statedAt()).isEqualTo(STATED);
		assertThat(forward.recipients()).containsExactly("alice@committee.example", "bruno@committee.example");
	}

	@Test
	void readsGmailInEnglish() throws Exception {
		Forward forward = forwardOf("""
				---------- Forwarded message ---------
				From: Karim Benali <karim.benali@example.org>
				Date: Mon, Dec 16, 2019 at 10:00 AM
				Subject: Application – Lyon couriers
				To: <alice@committee.example>

				Hello, here is our application.
				""");

		assertThat(forward.sender()).isEqualTo("karim.benali@example.org");
		assertThat(forward.subject()).isEqualTo("Application – Lyon couriers");
		assertThat(forward.statedAt()).isEqualTo(STATED);
	}

	@Test
	void readsOutlookInFrenchWithoutSeparatorLine() throws Exception {
		Forward forward = forwardOf("""
				Bonjour Bruno, à lire.

				De : Karim Benali [mailto:karim.benali@example.org]
				Envoyé : lundi 16 décembre 2019 10:00
				À : Alice <alice@committee.example>
				Objet : Candidature AMI

				Bonjour, voici notre candidature.
				""");

		assertThat(forward.sender()).isEqualTo("karim.benali@example.org");
		assertThat(forward.confirmed()).isTrue();
		assertThat(forward.subject()).isEqualTo("Candidature AMI");
		assertThat(forward.statedAt()).isEqualTo(STATED);
	}

	@Test
	void readsOutlookOriginalMessageInEnglish() throws Exception {
		Forward forward = forwardOf("""
				-----Original Message-----
				From: Karim Benali <karim.benali@example.org>
				Sent: Monday, December 16, 2019 10:00 AM
				To: alice@committee.example
				Subject: Application
				""");

		assertThat(forward.sender()).isEqualTo("karim.benali@example.org");
		assertThat(forward.statedAt()).isEqualTo(STATED);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"-------- Weitergeleitete Nachricht --------|Betreff: Bewerbung|Datum: 16.12.2019, 10:00|Von: Karim Benali <karim.benali@example.org>|An: alice@committee.example",
			"|Von: Karim Benali <karim.benali@example.org>|Gesendet: Montag, 16. Dezember 2019 10:00|An: alice@committee.example|Betreff: Bewerbung" })
	void readsGermanShapes(String separator, String first, String second, String third, String fourth)
			throws Exception {
		Forward forward = forwardOf((separator == null ? "" : separator + "\n") + first + "\n" + second + "\n" + third
				+ "\n" + fourth + "\n\nGuten Tag.\n");

		assertThat(forward.sender()).isEqualTo("karim.benali@example.org");
		assertThat(forward.subject()).isEqualTo("Bewerbung");
		assertThat(forward.statedAt()).isEqualTo(STATED);
	}

	@Test
	void twoAddressesOnTheFromLineAreAmbiguous() throws Exception {
		Forward forward = forwardOf("""
				---------- Forwarded message ---------
				From: karim.benali@example.org on behalf of Mallory <mallory@example.net>
				Date: Mon, Dec 16, 2019 at 10:00 AM
				Subject: Application
				""");

		assertThat(forward.confirmed()).isFalse();
	}

	@Test
	void anOrdinaryMessageIsNoForward() throws Exception {
		MimeMessage message = message("Bonjour à tous,\n\nDe : mon côté, je lirai les notes demain.\nAlice\n");

		assertThat(Forward.in(message, PARIS)).isEmpty();
	}

	@Test
	void keepsTheForwardedTextAsTheMessageToRead() throws Exception {
		Forward forward = forwardOf("""
				Pour info.

				-------- Message transféré --------
				De : Karim Benali <karim.benali@example.org>
				Date : 16/12/2019 10:00
				Objet : Candidature

				Notre collectif propose des ateliers.
				""");

		assertThat(ForwardedText.bodyText(forward.message())).contains("Notre collectif propose des ateliers.")
			.doesNotContain("Pour info");
		assertThat(forward.statedAt()).isEqualTo(STATED);
	}

	private static Forward forwardOf(String body) throws Exception {
		return Forward.in(message(body), PARIS).orElseThrow();
	}

	static MimeMessage message(String body) throws Exception {
		String raw = "From: Alice <alice@committee.example>\r\nTo: applications@committee.example\r\n"
				+ "Subject: Fwd: something\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
				+ "Content-Transfer-Encoding: 8bit\r\n\r\n" + body.replace("\n", "\r\n");
		return new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
	}

}
