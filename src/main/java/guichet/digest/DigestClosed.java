package guichet.digest;

import java.time.Instant;
import java.util.UUID;

/**
 * A digest period that is closed: its digest is in the outbox.
 *
 * @param applications how many applications the digest shows
 * @param byThisTrigger false when another trigger (another instance, a second firing) had
 * already closed it
 */
public record DigestClosed(UUID id, Instant periodEnd, int applications, boolean byThisTrigger) {
}
