package guichet.deadline;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.validation.annotation.Validated;

/**
 * The call for expressions of interest ({@code guichet.call.*}): one deadline per
 * language, a page limit.
 */
@Validated
@ConfigurationProperties(prefix = "guichet.call", ignoreUnknownFields = false)
public record CallProperties(@NotNull @DefaultValue("Europe/Paris") ZoneId timezone,
		@Valid @NotNull @DefaultValue Deadlines deadlines, @Positive @DefaultValue("1") int maxNotePages) {

	public record Deadlines(@NotNull @DefaultValue("2019-12-19") @DateTimeFormat(iso = ISO.DATE) LocalDate fr,
			@NotNull @DefaultValue("2020-01-13") @DateTimeFormat(iso = ISO.DATE) LocalDate en) {
	}

	/**
	 * The page limit (flag {@code NOTE_TOO_LONG}): its one home. A note whose format has
	 * no pages ({@code null}) is never over it.
	 */
	public boolean isOverPageLimit(Integer pageCount) {
		return pageCount != null && pageCount > maxNotePages;
	}

}
