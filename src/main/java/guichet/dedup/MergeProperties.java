package guichet.dedup;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import guichet.settings.PositiveDuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How copies are merged ({@code guichet.merge.*}).
 *
 * @param window two messages without a common Message-ID are copies of one submission
 * only when they arrived within this time of each other (same sender, subject and
 * content)
 */
@Validated
@ConfigurationProperties(prefix = "guichet.merge", ignoreUnknownFields = false)
public record MergeProperties(@NotNull @PositiveDuration @DefaultValue("7d") Duration window) {

}
