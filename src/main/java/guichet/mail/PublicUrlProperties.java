package guichet.mail;

import java.net.URI;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code guichet.public-url}: where people reach Guichet's pages (CONTRACT §2), for the
 * links in mail, such as the digest's link to each application.
 */
@Validated
@ConfigurationProperties("guichet")
public record PublicUrlProperties(@NotNull @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?",
		message = "must be an http:// or https:// address") @DefaultValue("http://localhost:8080") String publicUrl) {

	/** The address of a page of Guichet, such as {@code /applications/…}. */
	public String page(String path) {
		String base = this.publicUrl.endsWith("/") ? this.publicUrl.substring(0, this.publicUrl.length() - 1)
				: this.publicUrl;
		return URI.create(base + path).toString();
	}

}
