package guichet.digest;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The committee's digest ({@code guichet.digest.*}): who receives it (default: the
 * committee), when (a Quartz cron read in the call's timezone, used by
 * routes/digest.camel.yaml), and in which language its headings are.
 */
@Validated
@ConfigurationProperties(prefix = "guichet.digest", ignoreUnknownFields = false)
public record DigestProperties(
		List<@NotBlank @Email(regexp = "[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+") String> recipients,
		@NotBlank @DefaultValue("0 0 8 * * ?") String cron, @NotNull @DefaultValue("bilingual") Headings language) {

	public DigestProperties {
		recipients = recipients == null ? List.of() : List.copyOf(recipients);
	}

	/**
	 * The language of the digest's headings and labels; what applicants wrote is shown as
	 * written.
	 */
	public enum Headings {

		FR, EN, BILINGUAL;

		boolean french() {
			return this != EN;
		}

		boolean english() {
			return this != FR;
		}

	}

}
