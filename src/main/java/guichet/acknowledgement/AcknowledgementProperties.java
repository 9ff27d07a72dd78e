package guichet.acknowledgement;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Acknowledgements to applicants ({@code guichet.acknowledgements.*}).
 * {@code max-per-day} is the RFC 3834 loop guard: never more acknowledgements than this
 * to one address in 24 hours, whatever arrives from it.
 */
@Validated
@ConfigurationProperties(prefix = "guichet.acknowledgements", ignoreUnknownFields = false)
public record AcknowledgementProperties(@DefaultValue("true") boolean enabled,
		@Positive @DefaultValue("3") int maxPerDay) {
}
