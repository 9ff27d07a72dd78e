package guichet.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The filed submissions, as {@link MergeRules} asks about them: each question is one of
 * the rules' comparisons. {@link SubmissionRows} answers them from PostgreSQL.
 */
interface Submissions {

	/** Rule 1: the sender's submission that has this Message-ID. */
	Optional<FiledSubmission> fromSenderWithMessageId(String sender, String messageId);

	/** Other senders' submissions with this Message-ID: never copies (rule 1). */
	List<UUID> ofOtherSendersWithMessageId(String sender, String messageId);

	/** Rule 2: the application's submissions with exactly this content. */
	List<FiledSubmission> ofApplicationWithContent(UUID applicationId, String fingerprint);

	/** Rule 6: whether the application's latest version has a note. */
	boolean latestOfApplicationHasNote(UUID applicationId);

}
