package guichet.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The messages that belong to an application without being a version of it (rule 6), as
 * {@link MergeRules} asks about them. {@link CorrespondenceRows} answers from PostgreSQL.
 */
interface Correspondences {

	/**
	 * The application whose acknowledgement a message of this sender answers: one of the
	 * references names the Message-ID of an acknowledgement Guichet wrote to that
	 * application's own applicant.
	 */
	Optional<UUID> applicationAnsweredBy(String sender, List<String> references);

	/** The application's correspondence that has this Message-ID: a copy of it. */
	Optional<UUID> ofApplicationWithMessageId(UUID applicationId, String messageId);

}
