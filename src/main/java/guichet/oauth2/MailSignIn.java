package guichet.oauth2;

/** The settings of a mail server Guichet signs in to: a mailbox, or the SMTP server. */
public interface MailSignIn {

	MailAuth auth();

	/**
	 * The Spring Security client registration whose tokens sign in, with
	 * {@code auth: oauth2}.
	 */
	String registration();

	/**
	 * The mail user; with OAuth2, the XOAUTH2 {@code user=} (the mailbox's address for
	 * Microsoft 365).
	 */
	String username();

}
