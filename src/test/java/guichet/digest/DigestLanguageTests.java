package guichet.digest;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import guichet.application.CommitteeProperties.Member;
import guichet.deadline.CallProperties;
import guichet.deadline.DeadlineReason;
import guichet.digest.DigestProperties.Headings;
import guichet.mail.Bundles;
import guichet.mail.PublicUrlProperties;
import guichet.outbox.OutgoingMail;
import guichet.outbox.SmtpProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headings in one language per recipient when their member record says which, else both,
 * once (issue #21), and still one digest per member: every recipient is in exactly one of
 * the mails, each a cause of its own in the outbox.
 */
class DigestLanguageTests {

	private static final CallProperties CALL = new CallProperties(ZoneId.of("Europe/Paris"),
			new CallProperties.Deadlines(LocalDate.parse("2019-12-19"), LocalDate.parse("2020-01-13")), 1);

	private static final Member ODILE = new Member("Odile Chagny", "odile.chagny@ires.fr", "IRES", "fr");

	private static final Member IGNACIO = new Member("Ignacio Doreste", "idoreste@etuc.org", "ETUC", "en");

	private static final Member WOLFGANG = new Member("Wolfgang Kowalsky", "wkowalsk@etuc.org", "ETUC", null);

	private static final Member CHRISTOPHE = new Member("Christophe Teissier", "c.teissier@astrees.org", "ASTREES",
			"FR");

	private final UUID digestId = UUID.randomUUID();

	@Test
	void eachMemberGetsTheHeadingsOfTheirLanguageAndTheOthersBothOnce() throws Exception {
		List<OutgoingMail> mails = composer(Headings.BILINGUAL).compose(DigestSizeTests.digestOf(3), digestId,
				List.of(ODILE, IGNACIO, WOLFGANG, CHRISTOPHE));

		assertThat(mails).flatExtracting(OutgoingMail::recipients)
			.containsExactlyInAnyOrder("odile.chagny@ires.fr", "idoreste@etuc.org", "wkowalsk@etuc.org",
					"c.teissier@astrees.org");
		assertThat(mails).extracting(OutgoingMail::cause)
			.containsExactlyInAnyOrder(digestId.toString(), digestId + ".fr", digestId + ".en");
		assertThat(mails).extracting(OutgoingMail::messageId).doesNotHaveDuplicates();
		OutgoingMail french = mailTo(mails, "odile.chagny@ires.fr");
		assertThat(french.recipients()).containsExactly("odile.chagny@ires.fr", "c.teissier@astrees.org");
		assertThat(french.subject()).isEqualTo("Guichet : 3 candidatures nouvelles ou modifiées");
		Document frenchHtml = html(french);
		assertThat(frenchHtml.select("html").attr("lang")).isEqualTo("fr");
		assertThat(frenchHtml.text())
			.contains("Bonjour Odile Chagny, Christophe Teissier,", "Totaux à ce jour", "Langue : français")
			.doesNotContain("Totals so far", " / ", "Hello");
		OutgoingMail english = mailTo(mails, "idoreste@etuc.org");
		assertThat(english.subject()).isEqualTo("Guichet : 3 new or changed applications");
		Document englishHtml = html(english);
		assertThat(englishHtml.select("html").attr("lang")).isEqualTo("en");
		assertThat(englishHtml.text()).contains("Hello Ignacio Doreste,", "Totals so far", "Language : French")
			.doesNotContain("Totaux", "Bonjour");
		assertThat(text(english)).contains("Totals so far").doesNotContain("Totaux");
		OutgoingMail both = mailTo(mails, "wkowalsk@etuc.org");
		assertThat(both.cause()).isEqualTo(digestId.toString());
		assertThat(html(both).text()).contains("Bonjour / Hello Wolfgang Kowalsky,",
				"Totaux à ce jour / Totals so far");
	}

	@Test
	void withoutLanguagesTheCommitteeGetsOneDigestAsBefore() {
		List<OutgoingMail> mails = composer(Headings.BILINGUAL).compose(DigestSizeTests.digestOf(2), digestId,
				List.of(WOLFGANG, Member.valueOf("dariusz@committee.example")));

		assertThat(mails).singleElement().satisfies(mail -> {
			assertThat(mail.cause()).isEqualTo(digestId.toString());
			assertThat(mail.recipients()).containsExactly("wkowalsk@etuc.org", "dariusz@committee.example");
		});
	}

	@Test
	void aMemberWhoseLanguageIsTheDigestsOwnSharesItsMail() {
		List<OutgoingMail> mails = composer(Headings.EN).compose(DigestSizeTests.digestOf(2), digestId,
				List.of(IGNACIO, WOLFGANG));

		assertThat(mails).singleElement().satisfies(mail -> {
			assertThat(mail.cause()).isEqualTo(digestId.toString());
			assertThat(mail.subject()).isEqualTo("Guichet : 2 new or changed applications");
		});
	}

	private static DigestComposer composer(Headings headings) {
		return new DigestComposer(CALL, new SmtpProperties("localhost", 25, null, null, "guichet@committee.example"),
				new DigestProperties(List.of(), "0 0 8 * * ?", headings), Bundles.templates(), Bundles.messages(),
				new PublicUrlProperties("https://guichet.example.org"), new DeadlineReason(CALL, Bundles.messages()));
	}

	private static OutgoingMail mailTo(List<OutgoingMail> mails, String address) {
		return mails.stream().filter(mail -> mail.recipients().contains(address)).findFirst().orElseThrow();
	}

	private static Document html(OutgoingMail mail) throws Exception {
		return Jsoup.parse(part(mail, "text/html"));
	}

	private static String text(OutgoingMail mail) throws Exception {
		return part(mail, "text/plain");
	}

	private static String part(OutgoingMail mail, String type) throws Exception {
		MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(mail.mime()));
		Multipart alternative = (Multipart) message.getContent();
		for (int i = 0; i < alternative.getCount(); i++) {
			BodyPart part = alternative.getBodyPart(i);
			if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
		}
		throw new AssertionError("no " + type + " part");
	}

}
