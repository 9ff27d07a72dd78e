package guichet.web;

import java.util.List;
import java.util.UUID;

import guichet.application.Application;
import guichet.application.Applications;
import guichet.application.CommitteeProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds one application's detail view (CONTRACT §3, {@code GET /api/applications/{id}})
 * with everything around it: possible duplicates, the note's text, Message-IDs reused by
 * other senders, correspondence. The API and the committee's page show the same facts
 * because both take them from here.
 */
@Component
public class ApplicationDetails {

	private final Applications applications;

	private final CommitteeProperties committee;

	private final JdbcClient jdbc;

	ApplicationDetails(Applications applications, CommitteeProperties committee, JdbcClient jdbc) {
		this.applications = applications;
		this.committee = committee;
		this.jdbc = jdbc;
	}

	public ApplicationDetailView of(Application application) {
		return ApplicationDetailView.of(application, committee.addresses(), duplicatesOf(application),
				noteTextOf(application), messageIdReusedBy(application), correspondenceOf(application));
	}

	private List<UUID> duplicatesOf(Application application) {
		return applications.findOtherApplicantsWithSameAttachments(application.current().getFingerprint(),
				application.getApplicantEmail());
	}

	/**
	 * The other applications whose submissions carry a Message-ID of this one's, from
	 * another sender.
	 */
	private List<UUID> messageIdReusedBy(Application application) {
		return jdbc
			.sql("""
					select distinct other.application_id from submission mine
					join submission other on other.message_id = mine.message_id and other.applicant_email <> mine.applicant_email
					where mine.application_id = :id
					""")
			.param("id", application.getId())
			.query(UUID.class)
			.list();
	}

	private List<ApplicationDetailView.CorrespondenceView> correspondenceOf(Application application) {
		return jdbc.sql("""
				select id, received_at, sender, subject, reason, excerpt, copies, message_id, first_message
				from correspondence where application_id = :id order by received_at, created_at
				""")
			.param("id", application.getId())
			.query((rs, n) -> new ApplicationDetailView.CorrespondenceView(rs.getObject("id", UUID.class),
					rs.getTimestamp("received_at").toInstant(), rs.getString("sender"), rs.getString("subject"),
					rs.getString("reason"), rs.getString("excerpt"), rs.getInt("copies"), rs.getString("message_id"),
					rs.getObject("first_message", UUID.class)))
			.list();
	}

	private String noteTextOf(Application application) {
		return jdbc.sql("select text from note_text where submission_id = :id")
			.param("id", application.current().getId())
			.query(String.class)
			.optional()
			.orElse("");
	}

}
