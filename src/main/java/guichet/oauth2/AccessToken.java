package guichet.oauth2;

import java.time.Instant;

/**
 * An OAuth2 access token and when it expires; {@link #toString()} never shows the token.
 */
public record AccessToken(String value, Instant expiresAt) {

	/**
	 * Whether a session signed in with this token should be reopened now, before the
	 * server ends it.
	 */
	public boolean expiresWithin(java.time.Duration margin, Instant now) {
		return expiresAt != null && !now.isBefore(expiresAt.minus(margin));
	}

	@Override
	public String toString() {
		return "AccessToken[expiresAt=" + expiresAt + "]";
	}

}
