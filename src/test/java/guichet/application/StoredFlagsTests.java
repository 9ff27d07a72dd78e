package guichet.application;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import guichet.support.MailTestSupport;
import guichet.support.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The flags and the members left out that the committee's list reads are those the Java
 * rules decided, stored when the application changed, and judged again when Guichet
 * starts for another committee.
 */
class StoredFlagsTests extends MailTestSupport {

	@Autowired
	StoredFlags storedFlags;

	@Autowired
	Applications applications;

	@Autowired
	CommitteeProperties committee;

	@Autowired
	JdbcClient jdbc;

	@Test
	void applicationsJudgedForAnotherCommitteeAreJudgedAgainAtStartUp() throws Exception {
		String subject = "Stored " + UUID.randomUUID().toString().substring(0, 8);
		MailTestSupport
			.send(TestMail.application().from(applicant("stored")).to(COMMITTEE.get(0)).subject(subject).build());
		await().atMost(Duration.ofSeconds(60)).until(() -> stored(subject).judgedFor() != null);
		Stored filed = stored(subject);
		jdbc.sql("update application set flags = '{}', missing_committee = '{}', judged_for = 'another committee' "
				+ "where subject = :subject")
			.param("subject", subject)
			.update();

		storedFlags.judgeWhatTheCommitteeChanged();

		Application application = applications.findById(filed.id()).orElseThrow();
		Stored judged = stored(subject);
		assertThat(judged).isEqualTo(filed);
		assertThat(judged.flags()).contains(Flag.COMMITTEE_INCOMPLETE.name())
			.containsExactlyElementsOf(Flag.namesOf(application.flags(committee.addresses(), false)));
		assertThat(judged.missing()).isEqualTo(application.missingCommittee(committee.addresses()))
			.isNotEmpty()
			.doesNotContain(COMMITTEE.get(0));
	}

	private Stored stored(String subject) {
		return jdbc.sql("select id, flags, missing_committee, judged_for from application where subject = :subject")
			.param("subject", subject)
			.query((rs, n) -> new Stored(rs.getObject("id", UUID.class),
					Arrays.asList((String[]) rs.getArray("flags").getArray()),
					Arrays.asList((String[]) rs.getArray("missing_committee").getArray()), rs.getString("judged_for")))
			.optional()
			.orElse(new Stored(null, List.of(), List.of(), null));
	}

	private record Stored(UUID id, List<String> flags, List<String> missing, String judgedFor) {
	}

}
