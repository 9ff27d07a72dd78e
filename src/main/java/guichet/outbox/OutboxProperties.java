package guichet.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import guichet.settings.PositiveDuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox is emptied ({@code guichet.outbox.*}): a failed send is retried after
 * {@code first-retry}, then after twice as long each time up to {@code max-retry}; after
 * {@code max-attempts} the mail is FAILED and waits for an admin (GET
 * /api/outbox?state=FAILED). {@code sending: false} stops the sender route (the mail
 * stays stored). {@code interval}, how often the route empties the outbox, is read by
 * routes/outbox.camel.yaml; bound here so that it is checked too.
 */
@Validated
@ConfigurationProperties(prefix = "guichet.outbox", ignoreUnknownFields = false)
public record OutboxProperties(@DefaultValue("true") boolean sending,
		@NotNull @PositiveDuration @DefaultValue("10s") Duration firstRetry,
		@NotNull @PositiveDuration @DefaultValue("1h") Duration maxRetry, @Positive @DefaultValue("12") int maxAttempts,
		@Positive @DefaultValue("20") int batchSize,
		@NotNull @PositiveDuration @DefaultValue("10s") Duration smtpTimeout,
		@NotNull @PositiveDuration @DefaultValue("2s") Duration interval) {

	/**
	 * Exponential back-off: the delay before the attempt that follows {@code attempts}
	 * failed ones.
	 */
	Duration retryAfter(int attempts) {
		Duration delay = firstRetry;
		for (int i = 1; i < attempts && delay.compareTo(maxRetry) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
	}

}
