package guichet.oauth2;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import guichet.settings.PositiveDuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Guichet keeps the OAuth2 tokens of its mail servers ({@code guichet.oauth2.*}). The
 * clients themselves are Spring Security registrations
 * ({@code spring.security.oauth2.client.registration.*}).
 *
 * @param refreshBeforeExpiry a token is renewed, and a connection that signed in with it
 * reopened, this long before it expires: Exchange ends a session whose token expired
 * ({@code BYE … AccessTokenExpired})
 * @param encryptionKey 32 random bytes in Base64 ({@code openssl rand -base64 32}) that
 * encrypt the refresh tokens stored in PostgreSQL; needed only to import refresh tokens
 * @param secretExpires by registration, the day its client secret expires (Entra ID
 * secrets last at most two years): health warns {@code secretWarning} before, and is DOWN
 * after
 */
@Validated
@ConfigurationProperties(prefix = "guichet.oauth2", ignoreUnknownFields = false)
public record OAuth2Properties(@NotNull @PositiveDuration @DefaultValue("60s") Duration refreshBeforeExpiry,
		String encryptionKey, Map<String, LocalDate> secretExpires,
		@NotNull @PositiveDuration @DefaultValue("30d") Duration secretWarning) {

	public OAuth2Properties {
		secretExpires = secretExpires == null ? Map.of() : Map.copyOf(secretExpires);
	}

	@Override
	public String toString() {
		return "OAuth2Properties[refreshBeforeExpiry=%s, encryptionKey=%s, secretExpires=%s, secretWarning=%s]"
			.formatted(refreshBeforeExpiry, encryptionKey == null ? null : "***", secretExpires, secretWarning);
	}

}
