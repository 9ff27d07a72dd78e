package guichet.desk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import guichet.support.MailTestSupport;
import guichet.support.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Previous / next on an application's page (issue #21) are the rows next to it in the
 * list as the list itself orders and filters them, for every sort, both directions, ties
 * (same language, same organisation, no page count, same time) and missing values
 * included: {@link ListPlace} finds them by keyset, {@link ApplicationList} by numbering
 * every row, and the two must agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListPlaceTests extends MailTestSupport {

	private final String token = "place" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	ApplicationList list;

	@Autowired
	ListPlace place;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	void fileApplicationsWithTies() throws Exception {
		byte[] french = ApplicationPagesBrowserTests.note("note-fr-1page.pdf");
		byte[] english = ApplicationPagesBrowserTests.note("note-en-1page.pdf");
		String[] subjects = { "Alpha", "alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta" };
		for (int i = 0; i < subjects.length; i++) {
			TestMail mail = TestMail.application()
				.from("Applicant " + (i % 3) + " <" + applicant("place" + i) + ">")
				.subject(subjects[i] + " " + token)
				.body(i % 2 == 0 ? "Bonjour,\nOrganisation : Collectif Témoin\nCordialement" : "Hello");
			if (i == 2) {
				mail.to(COMMITTEE.get(0), COMMITTEE.get(1));
			}
			if (i % 3 != 2) {
				mail.attach("note.pdf", "application/pdf", i % 3 == 0 ? french : english);
			}
			MailTestSupport.send(mail.build());
		}
		// both polled mailboxes' copies in: a later copy could still move an
		// application's first reception
		await().atMost(Duration.ofSeconds(90))
			.until(() -> jdbc
				.sql("""
						select count(*) from application a join submission s on s.application_id = a.id and s.version = a.version
						where a.subject like :s and s.copies = 2
						""")
				.param("s", "% " + token)
				.query(Integer.class)
				.single() == subjects.length);
	}

	@Test
	void previousAndNextAreTheListsNeighboursForEverySortAndDirection() {
		for (String sort : ListQuery.COLUMNS.keySet()) {
			for (String dir : List.of("asc", "desc")) {
				assertSameNeighbours(new ListQuery(null, null, null, token, sort, dir, null));
			}
		}
	}

	@Test
	void previousAndNextKeepTheListsFilters() {
		for (String sort : List.of("number", "organisation", "pages", "flags", "received")) {
			assertSameNeighbours(new ListQuery("fr", null, null, token, sort, "desc", null));
			assertSameNeighbours(new ListQuery(null, "LATE", null, token, sort, "asc", null));
			assertSameNeighbours(new ListQuery(null, null, List.of("NO_NOTE"), token, sort, "asc", null));
			assertSameNeighbours(new ListQuery(null, null, List.of("COMMITTEE_INCOMPLETE"), token, sort, "desc", null));
		}
	}

	@Test
	void anApplicationTheFiltersLeaveOutHasNoNeighboursButKeepsItsNumber() {
		List<ApplicationList.Row> mine = rows(new ListQuery(null, null, null, token, null, null, null));
		ApplicationList.Row french = mine.stream().filter(row -> row.language().equals("fr")).findFirst().orElseThrow();

		ListPlace.Neighbours neighbours = place.of(new ListQuery("en", null, null, token, null, null, null),
				french.id());

		assertThat(neighbours).isEqualTo(new ListPlace.Neighbours(french.number(), null, null, 0, 0));
	}

	@Test
	void theUnfilteredListPlacesEachApplicationByItsNumber() {
		List<ApplicationList.Row> all = rows(ListQuery.all());
		for (int i = 0; i < all.size(); i++) {
			if (all.get(i).subject() != null && all.get(i).subject().endsWith(token)) {
				ListPlace.Neighbours neighbours = place.of(ListQuery.all(), all.get(i).id());
				assertThat(neighbours.number()).isEqualTo(all.get(i).number()).isEqualTo(i + 1);
				assertThat(neighbours.previous()).isEqualTo(i == 0 ? null : all.get(i - 1).id());
				assertThat(neighbours.next()).isEqualTo(i == all.size() - 1 ? null : all.get(i + 1).id());
			}
		}
	}

	private void assertSameNeighbours(ListQuery query) {
		List<ApplicationList.Row> rows = rows(query);
		assertThat(rows).as(query.toString()).isNotEmpty();
		for (int i = 0; i < rows.size(); i++) {
			ListPlace.Neighbours neighbours = place.of(query, rows.get(i).id());
			String where = query.sort() + " " + query.dir() + " " + query + " at " + i;
			assertThat(neighbours.previous()).as(where).isEqualTo(i == 0 ? null : rows.get(i - 1).id());
			assertThat(neighbours.next()).as(where).isEqualTo(i == rows.size() - 1 ? null : rows.get(i + 1).id());
			assertThat(neighbours.position()).as(where).isEqualTo(i + 1);
			assertThat(neighbours.total()).as(where).isEqualTo(rows.size());
			assertThat(neighbours.number()).as(where).isEqualTo(rows.get(i).number());
		}
	}

	private List<ApplicationList.Row> rows(ListQuery query) {
		List<ApplicationList.Row> rows = new ArrayList<>();
		list.each(query, rows::add);
		return rows;
	}

}
