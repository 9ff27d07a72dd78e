package guichet.note;

import java.time.Duration;

import guichet.settings.PositiveDuration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much work one attachment may cost ({@code guichet.limits.*}): a hostile or broken
 * file makes its note unreadable, it never stops the intake of other messages (CONTRACT
 * §5).
 *
 * @param parseTimeout wall-clock time allowed to read one document
 * @param maxTextCharacters text kept from one document; more makes the note unreadable (a
 * one-page note is a few thousand characters)
 * @param maxAttachmentSize attachments larger than this are not read
 */
@Validated
@ConfigurationProperties(prefix = "guichet.limits", ignoreUnknownFields = false)
public record NoteLimits(@NotNull @PositiveDuration @DefaultValue("20s") Duration parseTimeout,
		@Positive @DefaultValue("200000") int maxTextCharacters,
		@NotNull @DefaultValue("20MB") DataSize maxAttachmentSize) {

	/** The defaults, for code that is not configured by Spring. */
	public static NoteLimits defaults() {
		return new NoteLimits(Duration.ofSeconds(20), 200_000, DataSize.ofMegabytes(20));
	}

}
