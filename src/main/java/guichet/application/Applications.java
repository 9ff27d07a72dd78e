package guichet.application;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/**
 * The applications, as the committee reads them. Writes go through the {@link Clerk},
 * under a row lock.
 */
public interface Applications extends Repository<Application, UUID> {

	/**
	 * Rule 4's question, its one home (docs/COMMITTEE.md): whether the submission
	 * {@code latest} has exactly the attachments of a submission of another applicant.
	 * Never a merge, only the flag {@code POSSIBLE_DUPLICATE}; a predicate in SQL over a
	 * submission's columns named {@code latest}, for this repository and the committee's
	 * list.
	 */
	String SAME_ATTACHMENTS_AS_ANOTHER_APPLICANT = """
			latest.fingerprint like 'attachments:%' and exists (
			    select 1 from submission same
			    where same.fingerprint = latest.fingerprint and same.applicant_email <> latest.applicant_email)""";

	/**
	 * Every application with its versions, in one statement ({@link AggregateLoading}).
	 */
	List<Application> findAll();

	/**
	 * Every application that has a version, in the committee's order: by when it first
	 * reached a committee mailbox, then by when it was created (the list and the digest).
	 */
	default List<Application> findAllFiled() {
		return findAll().stream()
			.filter(application -> application.getVersion() > 0 && application.hasSubmissions())
			.sorted(Comparator.comparing(Application::firstReceivedAt).thenComparing(Application::getCreatedAt))
			.toList();
	}

	Optional<Application> findById(UUID id);

	/**
	 * Applications of other applicants whose attachments are exactly these (rule 4: never
	 * merged, only flagged).
	 */
	@Query("""
			select distinct same.application_id from submission same
			where same.fingerprint = :fingerprint and same.fingerprint like 'attachments:%'
			  and same.applicant_email <> :applicant
			""")
	List<UUID> findOtherApplicantsWithSameAttachments(String fingerprint, String applicant);

	/**
	 * The applications whose latest version has exactly the attachments of another
	 * applicant's application: the same rule as
	 * {@link #findOtherApplicantsWithSameAttachments} for every application at once (the
	 * list, the digest).
	 */
	@Query("""
			select latest.application_id
			from submission latest
			where not exists (select 1 from submission later
			                  where later.application_id = latest.application_id and later.version > latest.version)
			  and (""" + SAME_ATTACHMENTS_AS_ANOTHER_APPLICANT + ")")
	List<UUID> findAllWithOtherApplicantsWithSameAttachments();

}
