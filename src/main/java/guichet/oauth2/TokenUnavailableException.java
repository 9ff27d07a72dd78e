package guichet.oauth2;

import jakarta.mail.MessagingException;

/**
 * No access token could be had for a mail server: the token endpoint refused
 * ({@code invalid_grant}, {@code invalid_client}), could not be reached, or no refresh
 * token was imported. A mail exception, so that the intake and the outbox treat it as the
 * server being unavailable.
 */
public class TokenUnavailableException extends MessagingException {

	public TokenUnavailableException(String message, Exception cause) {
		super(message, cause);
	}

}
