package guichet.acknowledgement;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import guichet.support.MailTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What applicants receive, read back over IMAP from the GreenMail server Guichet sends
 * through.
 */
class AcknowledgementTests extends MailTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void acknowledgesAFrenchNoteInFrenchNamingTheDeadlineAndTheMemberLeftOut() throws Exception {
		String ana = applicant("ana");
		MimeMessage application = application(ana, "Ana Bernard", "Candidature atelier", FRENCH_NOTE,
				COMMITTEE.subList(0, 3));
		send(application);

		MimeMessage acknowledgement = awaitGuichetMail(ana, "acknowledgement", 1).get(0);

		String body = text(acknowledgement, "text/plain");
		String yesterday = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.FRENCH)
			.format(LocalDate.now(PARIS).minusDays(1));
		String englishDeadline = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.FRENCH)
			.format(LocalDate.now(PARIS).plusDays(30));
		assertThat(acknowledgement.getSubject()).isEqualTo("Re: Candidature atelier");
		assertThat(header(acknowledgement, "In-Reply-To")).isEqualTo(application.getMessageID());
		assertThat(header(acknowledgement, "References")).isEqualTo(application.getMessageID());
		assertThat(header(acknowledgement, "Auto-Submitted")).isEqualTo("auto-replied");
		assertThat(header(acknowledgement, "Content-Language")).isEqualTo("fr");
		// "Reply" reaches the committee's mailboxes, which Guichet reads, not its sender
		// address
		assertThat(Arrays.stream(acknowledgement.getReplyTo()).map(a -> ((InternetAddress) a).getAddress()))
			.containsExactlyElementsOf(COMMITTEE);
		assertThat(body)
			.contains("Bonjour Ana Bernard", "a bien reçu votre candidature", "langue de la note : français",
					"(heure de Europe/Paris)",
					"après la date limite qui s'applique aux notes en français : le " + yesterday,
					"date limite plus tardive des notes en anglais (" + englishDeadline + ") ne s'applique pas",
					"il manque dariusz@committee.example")
			.doesNotContain("Hello", "répond", "reply");
	}

	@Test
	void acknowledgesAnEnglishNoteOnTimeInEnglishWithoutProblemsOfDeadlineOrCommittee() throws Exception {
		String ben = applicant("ben");
		send(application(ben, "Ben Smith", "Workshop application", ENGLISH_NOTE, COMMITTEE));

		MimeMessage acknowledgement = awaitGuichetMail(ben, "acknowledgement", 1).get(0);

		String body = text(acknowledgement, "text/plain");
		assertThat(acknowledgement.getSubject()).isEqualTo("Re: Workshop application");
		assertThat(header(acknowledgement, "X-Guichet")).isEqualTo("acknowledgement");
		assertThat(header(acknowledgement, "Content-Language")).isEqualTo("en");
		assertThat(body)
			.contains("Hello Ben Smith", "has received your application", "language of the note: English",
					"(Europe/Paris time)")
			.doesNotContain("deadline", "left out", "Bonjour", "reply");
	}

	@Test
	void acknowledgesANoteInAnotherLanguageInBothLanguagesWithTheLaterDeadline() throws Exception {
		String carl = applicant("carl");
		send(application(carl, "Carl Weber", "Bewerbung", GERMAN_NOTE, COMMITTEE));

		MimeMessage acknowledgement = awaitGuichetMail(carl, "acknowledgement", 1).get(0);

		String body = text(acknowledgement, "text/plain");
		assertThat(header(acknowledgement, "Content-Language")).isEqualTo("fr, en");
		assertThat(body)
			.contains("Bonjour Carl Weber", "Hello Carl Weber", "langue de la note : non reconnue",
					"language of the note: not recognised", "ni comme du français ni comme de l'anglais",
					"neither as French nor as English")
			.doesNotContain("date limite", "deadline");
	}

	@Test
	void acknowledgesOnceAMessageWhoseCopiesReachSeveralMailboxes() throws Exception {
		String dora = applicant("dora");
		MimeMessage application = application(dora, "Dora", "Copies", ENGLISH_NOTE, COMMITTEE);
		send(application);

		await().atMost(Duration.ofSeconds(30)).until(() -> copiesOf(application), copies -> copies == 2);

		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> guichetMail(inbox(dora), "acknowledgement").size() == 1);
	}

	@Test
	void acknowledgesAResubmissionAsANewVersion() throws Exception {
		String eva = applicant("eva");
		send(application(eva, "Eva", "Our project", ENGLISH_NOTE, COMMITTEE));
		awaitGuichetMail(eva, "acknowledgement", 1);

		send(application(eva, "Eva", "Our project", ENGLISH_NOTE + "\nWe corrected the budget in this version.\n",
				COMMITTEE));

		List<MimeMessage> acknowledgements = awaitGuichetMail(eva, "acknowledgement", 2);
		assertThat(acknowledgements).extracting(message -> text(message, "text/plain"))
			.anySatisfy(body -> assertThat(body).contains("new version (version 2) of your application"));
	}

	@Test
	void neverAcknowledgesAutoRepliesBouncesOrMailingLists() throws Exception {
		String fred = applicant("fred");
		MimeMessage autoReply = application(fred, "Fred", "Automatic reply: away", ENGLISH_NOTE, COMMITTEE);
		autoReply.setHeader("Auto-Submitted", "auto-replied");
		String daemon = "mailer-daemon@" + fred.substring(0, fred.indexOf('@')) + ".example";
		MimeMessage bounce = application(daemon, "Mail Delivery System", "Undelivered Mail Returned to Sender",
				ENGLISH_NOTE, COMMITTEE);
		MimeMessage list = application(fred, "Fred", "[list] news", ENGLISH_NOTE, COMMITTEE);
		list.setHeader("List-Id", "<news.lists.example>");
		for (MimeMessage message : List.of(autoReply, bounce, list)) {
			message.saveChanges();
			send(message);
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from message where sender in (:senders) and state = 'IGNORED'")
				.param("senders", List.of(fred, daemon))
				.query(Integer.class)
				.single(), ignored -> ignored >= 3);

		assertThat(jdbc.sql("select count(*) from outbox where recipients && cast(:to as text[])")
			.param("to", new String[] { fred, daemon })
			.query(Integer.class)
			.single()).isZero();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> inbox(fred).isEmpty());
	}

	@Test
	void acknowledgesOneAddressAtMostThreeTimesADay() throws Exception {
		String gil = applicant("gil");
		for (int i = 1; i <= 5; i++) {
			send(application(gil, "Gil", "Project number " + i, ENGLISH_NOTE + "\nVariant " + i + ".\n", COMMITTEE));
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from application where applicant_email = :gil and version > 0")
				.param("gil", gil)
				.query(Integer.class)
				.single(), applications -> applications == 5);

		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(15))
			.until(() -> guichetMail(inbox(gil), "acknowledgement").size() == 3);
	}

	private int copiesOf(MimeMessage application) throws Exception {
		String messageId = application.getMessageID().replaceAll("[<>]", "");
		return jdbc.sql("select coalesce(max(copies), 0) from submission where message_id = :id")
			.param("id", messageId)
			.query(Integer.class)
			.single();
	}

}
