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
			select distinct s.application_id from submission s join application a on a.id = s.application_id
			where s.fingerprint = :fingerprint and s.fingerprint like 'attachments:%'
			  and a.applicant_email <> :applicant
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
			join application a on a.id = latest.application_id
			where latest.fingerprint like 'attachments:%'
			  and not exists (select 1 from submission later
			                  where later.application_id = latest.application_id and later.version > latest.version)
			  and exists (select 1 from submission same join application other on other.id = same.application_id
			              where same.fingerprint = latest.fingerprint and other.applicant_email <> a.applicant_email)
			""")
	List<UUID> findAllWithOtherApplicantsWithSameAttachments();

}
