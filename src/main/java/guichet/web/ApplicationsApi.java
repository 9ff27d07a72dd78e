package guichet.web;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import guichet.application.Application;
import guichet.application.Applications;
import guichet.application.CommitteeProperties;
import guichet.application.Reanalysis;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The applications, for the committee (CONTRACT §3). */
@RestController
class ApplicationsApi {

	private final Applications applications;

	private final CommitteeProperties committee;

	private final JdbcClient jdbc;

	private final Reanalysis reanalysis;

	private final ApplicationDetails details;

	/**
	 * The list's two statements see the same snapshot: a version filed in between is in
	 * both or in neither.
	 */
	private final TransactionTemplate oneSnapshot;

	ApplicationsApi(Applications applications, CommitteeProperties committee, JdbcClient jdbc, Reanalysis reanalysis,
			ApplicationDetails details, PlatformTransactionManager transactions) {
		this.details = details;
		this.applications = applications;
		this.committee = committee;
		this.jdbc = jdbc;
		this.reanalysis = reanalysis;
		this.oneSnapshot = new TransactionTemplate(transactions);
		this.oneSnapshot.setReadOnly(true);
		this.oneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/**
	 * Re-judges every application from its stored messages with the current settings
	 * (role ADMIN).
	 */
	@PostMapping("/api/applications/reanalyse")
	Reanalysis.Result reanalyse() {
		return reanalysis.reanalyseAll();
	}

	/**
	 * Oldest first, by when each application first reached a committee mailbox. Two
	 * statements whatever the number of applications: one for the applications with their
	 * versions, one for the possible duplicates.
	 */
	@GetMapping("/api/applications")
	List<ApplicationView> list() {
		return oneSnapshot.execute(status -> {
			Set<UUID> possibleDuplicates = Set.copyOf(applications.findAllWithOtherApplicantsWithSameAttachments());
			return applications.findAllFiled()
				.stream()
				.map(application -> ApplicationView.of(application, committee.addresses(),
						possibleDuplicates.contains(application.getId())))
				.toList();
		});
	}

	@GetMapping("/api/applications/{id}")
	ResponseEntity<ApplicationDetailView> one(@PathVariable UUID id) {
		return applications.findById(id)
			.filter(Application::hasSubmissions)
			.map(details::of)
			.map(ResponseEntity::ok)
			.orElse(ResponseEntity.notFound().build());
	}

	/**
	 * The original message of the latest version, byte for byte, as a download that no
	 * browser renders.
	 */
	@GetMapping("/api/applications/{id}/message")
	ResponseEntity<byte[]> message(@PathVariable UUID id) {
		return applications.findById(id)
			.filter(Application::hasSubmissions)
			.flatMap(application -> jdbc.sql("select raw from message where id = :id")
				.param("id", application.current().getFirstMessage())
				.query(byte[].class)
				.optional())
			.map(raw -> RawMessageDownload.of(raw, "application-" + id + ".eml"))
			.orElse(ResponseEntity.notFound().build());
	}

	/**
	 * A raw message served so that it is saved, never displayed: applicant content must
	 * not run in a browser.
	 */
	static final class RawMessageDownload {

		private RawMessageDownload() {
		}

		static ResponseEntity<byte[]> of(byte[] raw, String filename) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.parseMediaType("message/rfc822"));
			headers.setContentDisposition(ContentDisposition.attachment().filename(filename).build());
			headers.set("X-Content-Type-Options", "nosniff");
			return ResponseEntity.ok().headers(headers).body(raw);
		}

	}

}
