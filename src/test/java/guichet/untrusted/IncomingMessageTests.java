package guichet.untrusted;

import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Header bytes read as their writer meant them, whatever the charset of each line. */
class IncomingMessageTests {

	@Test
	void readsANameWrittenInRawUtf8AsUtf8() throws Exception {
		MimeMessage message = IncomingMessage
			.parse(mail("From: Élodie Müller <elodie@example.org>\r\nSubject: Candidature vélo\r\n", "Bonjour\r\n")
				.getBytes(StandardCharsets.UTF_8));

		assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Élodie Müller");
		assertThat(message.getSubject()).isEqualTo("Candidature vélo");
	}

	@Test
	void readsANameWrittenInRawLatin1AsLatin1() throws Exception {
		MimeMessage message = IncomingMessage.parse(mail("From: Élodie Müller <elodie@example.org>\r\n", "Bonjour\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));

		assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Élodie Müller");
	}

	@Test
	void decodesEachLineOnItsOwnAndKeepsEncodedWordsAndFoldedLines() throws Exception {
		byte[] utf8From = "From: Élodie <elodie@example.org>\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] latin1Subject = "Subject: Re: café\r\n".getBytes(StandardCharsets.ISO_8859_1);
		byte[] rest = ("To: =?UTF-8?Q?Odile_Chagny?= <odile@example.org>,\r\n Ignacio <ignacio@example.org>\r\n"
				+ "\r\nLe corps\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] raw = new byte[utf8From.length + latin1Subject.length + rest.length];
		System.arraycopy(utf8From, 0, raw, 0, utf8From.length);
		System.arraycopy(latin1Subject, 0, raw, utf8From.length, latin1Subject.length);
		System.arraycopy(rest, 0, raw, utf8From.length + latin1Subject.length, rest.length);

		MimeMessage message = IncomingMessage.parse(raw);

		assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Élodie");
		assertThat(message.getSubject()).isEqualTo("Re: café");
		assertThat(message.getAllRecipients()).extracting(a -> ((InternetAddress) a).getPersonal())
			.containsExactly("Odile Chagny", "Ignacio");
		assertThat(message.getContent()).isEqualTo("Le corps\r\n");
	}

	@Test
	void findsTheBodyAfterLinesEndedByLineFeedsAlone() throws Exception {
		MimeMessage message = IncomingMessage
			.parse("From: a@example.org\nSubject: s\n\nbody\n".getBytes(StandardCharsets.UTF_8));

		assertThat(message.getSubject()).isEqualTo("s");
		assertThat(message.getContent()).isEqualTo("body\n");
	}

	@Test
	void aMessageOfHeadersOnlyHasAnEmptyBody() throws Exception {
		MimeMessage message = IncomingMessage.parse("Subject: only\r\n".getBytes(StandardCharsets.UTF_8));

		assertThat(message.getSubject()).isEqualTo("only");
		assertThat(message.getContent()).isEqualTo("");
	}

	private static String mail(String headers, String body) {
		return headers + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body;
	}

}
