package guichet.intake;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much one poll takes in ({@code guichet.intake.*}) and when a message is given up
 * on.
 *
 * @param batchSize most messages fetched by one poll of one mailbox; the rest wait for
 * the next poll
 * @param batchBytes most bytes fetched by one poll, so that a burst of large messages
 * stays within memory
 * @param maxMessageSize a larger message is stored raw and quarantined as TOO_LARGE,
 * never parsed
 * @param maxAttempts a message whose processing fails this many times is quarantined
 */
@Validated
@ConfigurationProperties(prefix = "guichet.intake", ignoreUnknownFields = false)
public record IntakeProperties(@Positive @DefaultValue("500") int batchSize, @DefaultValue("16MB") DataSize batchBytes,
		@DefaultValue("25MB") DataSize maxMessageSize, @Positive @DefaultValue("3") int maxAttempts) {

}
