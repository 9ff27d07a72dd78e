package guichet.application;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import guichet.deadline.DeadlineStatus;
import guichet.note.NoteSource;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One version of an application: what one distinct submission said, and how many copies
 * of it arrived.
 */
@Table("submission")
public class Submission {

	private @Id UUID id;

	private int version;

	private String messageId;

	private String fingerprint;

	private UUID firstMessage;

	private Instant receivedAt;

	private String receivedAtSource;

	private Instant sentAt;

	private int copies;

	private List<String> recipients = List.of();

	private Instant analysedAt;

	private String noteFilename;

	private String noteMediaType;

	private Integer notePageCount;

	private NoteSource noteSource;

	private Integer noteTextLength;

	private String noteProblem;

	private List<String> otherAttachments = List.of();

	private String language;

	private String detectedLanguage;

	private Instant deadline;

	private DeadlineStatus deadlineStatus;

	private List<String> countries = List.of();

	private List<String> flags = List.of();

	private String forwardedBy;

	private Instant forwardReceivedAt;

	private String organisation;

	/**
	 * The applicant's organisation when the note or the mail's signature names one (issue
	 * #21), else {@code null}: as the applicant wrote it, cleaned; escape it where shown.
	 */
	public String getOrganisation() {
		return organisation;
	}

	public String getForwardedBy() {
		return forwardedBy;
	}

	/**
	 * For a member's forward: when the forward itself reached Guichet (the deadline uses
	 * the time it states).
	 */
	public Instant getForwardReceivedAt() {
		return forwardReceivedAt;
	}

	public UUID getId() {
		return id;
	}

	public int getVersion() {
		return version;
	}

	public String getMessageId() {
		return messageId;
	}

	public String getFingerprint() {
		return fingerprint;
	}

	public UUID getFirstMessage() {
		return firstMessage;
	}

	public Instant getReceivedAt() {
		return receivedAt;
	}

	public String getReceivedAtSource() {
		return receivedAtSource;
	}

	public Instant getSentAt() {
		return sentAt;
	}

	public int getCopies() {
		return copies;
	}

	public List<String> getRecipients() {
		return recipients == null ? List.of() : recipients;
	}

	public Instant getAnalysedAt() {
		return analysedAt;
	}

	public String getNoteFilename() {
		return noteFilename;
	}

	public String getNoteMediaType() {
		return noteMediaType;
	}

	public Integer getNotePageCount() {
		return notePageCount;
	}

	public NoteSource getNoteSource() {
		return noteSource;
	}

	public Integer getNoteTextLength() {
		return noteTextLength;
	}

	public String getNoteProblem() {
		return noteProblem;
	}

	public List<String> getOtherAttachments() {
		return otherAttachments == null ? List.of() : otherAttachments;
	}

	public String getLanguage() {
		return language;
	}

	public String getDetectedLanguage() {
		return detectedLanguage;
	}

	public Instant getDeadline() {
		return deadline;
	}

	public DeadlineStatus getDeadlineStatus() {
		return deadlineStatus;
	}

	public List<String> getCountries() {
		return countries == null ? List.of() : countries;
	}

	public boolean hasNote() {
		return noteSource != null;
	}

	/**
	 * The flags stored with this version (those that do not depend on the other versions
	 * or on the committee), in the enum's order.
	 */
	public Set<Flag> flags() {
		return flags == null ? EnumSet.noneOf(Flag.class) : Flag.setOf(flags);
	}

}
