package guichet.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** The applications, as the committee reads them. Writes go through the {@link Clerk}, under a row lock. */
public interface Applications extends Repository<Application, UUID> {

	@Query("select * from application where version > 0 order by created_at")
	List<Application> findAllFiled();

	Optional<Application> findById(UUID id);

	/** Applications of other applicants whose attachments are exactly these (rule 4: never merged, only flagged). */
	@Query("""
			select distinct s.application_id from submission s join application a on a.id = s.application_id
			where s.fingerprint = :fingerprint and s.fingerprint like 'attachments:%'
			  and a.applicant_email <> :applicant
			""")
	List<UUID> findOtherApplicantsWithSameAttachments(String fingerprint, String applicant);

}
