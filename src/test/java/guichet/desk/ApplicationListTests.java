package guichet.desk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import guichet.application.Application;
import guichet.application.Applications;
import guichet.application.CommitteeProperties;
import guichet.application.Flag;
import guichet.support.MailTestSupport;
import guichet.support.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list's SQL says what the application says: the same flags, the same numbers, and
 * search without accents.
 */
class ApplicationListTests extends MailTestSupport {

	@Autowired
	ApplicationList list;

	@Autowired
	Applications applications;

	@Autowired
	CommitteeProperties committee;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theListsFlagsAreTheApplicationsFlags() throws Exception {
		String token = "flags" + UUID.randomUUID().toString().substring(0, 8);
		MailTestSupport.send(TestMail.application()
			.from(applicant("partial"))
			.to(COMMITTEE.get(0), COMMITTEE.get(1))
			.subject("Partial " + token)
			.attach("note.pdf", "application/pdf", ApplicationPagesBrowserTests.note("note-fr-1page.pdf"))
			.build());
		MailTestSupport.send(TestMail.application()
			.from(applicant("copycat"))
			.subject("Copy " + token)
			.attach("note.pdf", "application/pdf", ApplicationPagesBrowserTests.note("note-fr-1page.pdf"))
			.build());
		awaitFiled(jdbc, token, 2);

		Map<UUID, List<Flag>> listed = new HashMap<>();
		list.each(ListQuery.all(), row -> listed.put(row.id(), row.flags()));

		Set<UUID> duplicates = Set.copyOf(applications.findAllWithOtherApplicantsWithSameAttachments());
		List<Application> filed = applications.findAllFiled();
		assertThat(listed).hasSameSizeAs(filed);
		for (Application application : filed) {
			assertThat(listed.get(application.getId())).as(application.getSubject())
				.containsExactlyElementsOf(
						application.flags(committee.addresses(), duplicates.contains(application.getId()))
							.stream()
							.sorted()
							.toList());
		}
		assertThat(listed.values()).anySatisfy(flags -> assertThat(flags).contains(Flag.COMMITTEE_INCOMPLETE))
			.anySatisfy(flags -> assertThat(flags).contains(Flag.POSSIBLE_DUPLICATE));
		// a page judges only its own rows, unless the order needs every row judged: the
		// same flags either way
		for (String sort : List.of("number", "flags", "missing", "subject")) {
			for (String dir : List.of("asc", "desc")) {
				list.page(new ListQuery(null, null, null, null, sort, dir, null))
					.rows()
					.forEach(row -> assertThat(row.flags()).as(sort + " " + dir).isEqualTo(listed.get(row.id())));
			}
		}
	}

	@Test
	void aSearchIgnoresAccentsAndFindsWordsOfTheNoteTheSubjectAndTheApplicant() throws Exception {
		String token = "search" + UUID.randomUUID().toString().substring(0, 8);
		MailTestSupport.send(TestMail.application()
			.from(jakarta.mail.internet.MimeUtility.encodeWord("Hélène Gaël", "UTF-8", "Q") + " <" + applicant("helene")
					+ ">")
			.subject("Équipe " + token)
			.attach("note.pdf", "application/pdf", ApplicationPagesBrowserTests.note("note-fr-1page.pdf"))
			.build());
		awaitFiled(jdbc, token, 1);

		// "applicants": a part of the address (helene-…@applicants.example)
		for (String words : List.of("velo", "vélo", "VÉLOS", "cooperative", "helene", "Hélène", "equipe", "gael",
				"applicants")) {
			var page = list.page(new ListQuery(null, null, null, words + " " + token, null, null, null));
			assertThat(page.rows()).as(words)
				.singleElement()
				.satisfies(row -> assertThat(row.subject()).isEqualTo("Équipe " + token));
		}
		assertThat(list.page(new ListQuery(null, null, null, "dublin " + token, null, null, null)).rows()).isEmpty();
	}

	@Test
	void applicantsSortWithTheirAccentsIgnored() throws Exception {
		String token = "order" + UUID.randomUUID().toString().substring(0, 8);
		for (String name : List.of("Zoé Zimmer", "Élodie Müller", "Ana Costa")) {
			MailTestSupport.send(TestMail.application()
				.from(jakarta.mail.internet.MimeUtility.encodeWord(name, "UTF-8", "Q") + " <"
						+ applicant(name.substring(0, 3).toLowerCase(java.util.Locale.ROOT)) + ">")
				.subject("Ordre " + token)
				.body(FRENCH_NOTE)
				.build());
		}
		awaitFiled(jdbc, token, 3);

		var page = list.page(new ListQuery(null, null, null, token, "applicant", "asc", null));

		assertThat(page.rows()).extracting(ApplicationList.Row::applicantName)
			.containsExactly("Ana Costa", "Élodie Müller", "Zoé Zimmer");
	}

	@Test
	void unknownFiltersAndSortsAreIgnoredNeverPassedToTheDatabase() {
		var query = new ListQuery("de", "SOON", List.of("LATE", "DROP TABLE", "late"), "  ",
				"1; drop table application", "sideways", -3);

		assertThat(query).isEqualTo(new ListQuery(null, null, List.of("LATE"), null, "number", "asc", 1));
		assertThat(list.page(query).rows()).allSatisfy(row -> assertThat(row.flags()).contains(Flag.LATE));
	}

	@Test
	void spreadsheetFormulasFromApplicantsAreNeutralised() {
		assertThat(ListExport.line(List.of("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "Ana \"Bé\"")))
			.isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1\",\"'-2\",\"'@SUM(A1)\",\"Ana \"\"Bé\"\"\"\r\n");
	}

}
