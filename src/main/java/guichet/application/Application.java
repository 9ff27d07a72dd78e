package guichet.application;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One applicant's application for one subject, with every version they sent (CONTRACT
 * §3). The latest version is the one shown and judged; earlier versions stay readable.
 * Written by the {@link Clerk} under a row lock, read here.
 */
@Table("application")
public class Application {

	private @Id UUID id;

	private String applicantEmail;

	private String applicantName;

	private String subjectKey;

	private String subject;

	private int version;

	private String status;

	private Instant createdAt;

	private Instant changedAt;

	@MappedCollection(idColumn = "application_id")
	private Set<Submission> submissions = new HashSet<>();

	public UUID getId() {
		return id;
	}

	public String getApplicantEmail() {
		return applicantEmail;
	}

	public String getApplicantName() {
		return applicantName;
	}

	public String getSubject() {
		return subject;
	}

	public int getVersion() {
		return version;
	}

	public String getStatus() {
		return status;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getChangedAt() {
		return changedAt;
	}

	/** Every version, first to latest. */
	public List<Submission> versions() {
		return submissions.stream().sorted(Comparator.comparingInt(Submission::getVersion)).toList();
	}

	/** The version shown and judged: the latest. */
	public Submission current() {
		return submissions.stream().max(Comparator.comparingInt(Submission::getVersion)).orElseThrow();
	}

	/** When the application first reached a committee mailbox. */
	public Instant firstReceivedAt() {
		return versions().get(0).getReceivedAt();
	}

	public boolean hasSubmissions() {
		return !submissions.isEmpty();
	}

	/**
	 * Committee members the latest version was not sent to (display names and case
	 * ignored).
	 */
	public List<String> missingCommittee(List<String> committee) {
		return CommitteeProperties.leftOut(committee, current().getRecipients());
	}

	public List<String> addressedCommittee(List<String> committee) {
		List<String> missing = missingCommittee(committee);
		return committee.stream().filter(member -> !missing.contains(member)).toList();
	}

	/**
	 * The flags of the latest version, plus those that depend on the application as a
	 * whole.
	 */
	public Set<Flag> flags(List<String> committee, boolean possibleDuplicate) {
		return flagsOf(current().flags(), current().getRecipients(), version, committee, possibleDuplicate);
	}

	/**
	 * The rule behind {@link #flags}, from the latest version's own flags and recipients
	 * and the number of versions: for {@link StoredFlags}, which reads only those.
	 */
	static Set<Flag> flagsOf(Set<Flag> latest, List<String> latestRecipients, int versions, List<String> committee,
			boolean possibleDuplicate) {
		Set<Flag> flags = latest.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(latest);
		if (!CommitteeProperties.leftOut(committee, latestRecipients).isEmpty()) {
			flags.add(Flag.COMMITTEE_INCOMPLETE);
		}
		if (versions > 1) {
			flags.add(Flag.RESUBMITTED);
		}
		if (possibleDuplicate) {
			flags.add(Flag.POSSIBLE_DUPLICATE);
		}
		return flags;
	}

}
