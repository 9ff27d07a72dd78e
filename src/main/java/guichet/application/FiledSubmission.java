package guichet.application;

import java.time.Instant;
import java.util.UUID;

import guichet.language.Language;

/**
 * A submission already filed, as the merge rules compare a new message with it.
 *
 * @param language the language its note was judged in; {@code null} before it was judged
 */
record FiledSubmission(UUID id, UUID applicationId, int version, Instant receivedAt, Language language) {

}
