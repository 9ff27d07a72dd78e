package guichet.oauth2;

/**
 * How Guichet signs in to a mail server ({@code guichet.mailboxes[i].auth},
 * {@code guichet.smtp.auth}): with the configured password, or with an OAuth2 access
 * token over SASL XOAUTH2 (Microsoft 365 and Google have turned password sign-in off).
 */
public enum MailAuth {

	PASSWORD, OAUTH2

}
