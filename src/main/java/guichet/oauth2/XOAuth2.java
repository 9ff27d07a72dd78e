package guichet.oauth2;

import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/**
 * Signing in to a mail server with SASL XOAUTH2 through Angus Mail, which takes the
 * access token as the password when {@code mail.<protocol>.auth.mechanisms=XOAUTH2}.
 * Angus's IMAP store, though, falls back to a plain {@code LOGIN} with the token when the
 * server does not offer {@code AUTH=XOAUTH2}; the store here refuses before anything is
 * sent. POP3 and SMTP, given XOAUTH2 alone, already fail without sending it.
 */
public final class XOAuth2 {

	/**
	 * What health and the logs say when a server does not offer XOAUTH2: no token was
	 * sent to it.
	 */
	public static final String NOT_OFFERED = "the server does not offer XOAUTH2, so no token was sent to it "
			+ "(use its OAuth2-enabled host, or auth: password)";

	private XOAuth2() {
	}

	/**
	 * The session properties that make {@code protocol} (imap, imaps, pop3, pop3s, smtp)
	 * sign in with XOAUTH2 only.
	 */
	public static void configure(Properties properties, String protocol) {
		properties.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
		properties.put("mail." + protocol + ".sasl.enable", "false");
		if (protocol.equals("smtp") || protocol.equals("smtps")) {
			properties.put("mail." + protocol + ".auth", "true");
		}
	}

	/**
	 * A session for this protocol whose IMAP store never sends a token to a server
	 * without XOAUTH2.
	 */
	public static Session session(Properties properties, String protocol) throws jakarta.mail.NoSuchProviderException {
		configure(properties, protocol);
		Session session = Session.getInstance(properties);
		if (protocol.equals("imap")) {
			session.setProvider(new Provider(Provider.Type.STORE, "imap", Store.class.getName(), "Guichet", "1"));
		}
		else if (protocol.equals("imaps")) {
			session
				.setProvider(new Provider(Provider.Type.STORE, "imaps", SecureStore.class.getName(), "Guichet", "1"));
		}
		return session;
	}

	/**
	 * Whether this failure means the server offers no XOAUTH2: refused by {@link Store}
	 * (IMAP), or by Angus itself for POP3 and SMTP, which, with XOAUTH2 as the only
	 * mechanism, fail before sending anything.
	 */
	public static boolean notOffered(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof NotOffered) {
				return true;
			}
			if (cause instanceof AuthenticationFailedException && cause.getMessage() != null && cause.getMessage()
				.contains("No authentication mechanisms supported by both server and client")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Thrown before signing in: Angus makes it a MessagingException whose cause it is.
	 */
	static final class NotOffered extends ProtocolException {

		NotOffered() {
			super(NOT_OFFERED);
		}

	}

	/** Angus's IMAP store, checking the server's capabilities before the token leaves. */
	public static class Store extends IMAPStore {

		public Store(Session session, URLName url) {
			this(session, url, "imap", false);
		}

		protected Store(Session session, URLName url, String name, boolean ssl) {
			super(session, url, name, ssl);
		}

		@Override
		protected void preLogin(IMAPProtocol protocol) throws ProtocolException {
			if (!protocol.hasCapability("AUTH=XOAUTH2")) {
				throw new NotOffered();
			}
		}

	}

	/** The same over implicit TLS (imaps). */
	public static class SecureStore extends Store {

		public SecureStore(Session session, URLName url) {
			super(session, url, "imaps", true);
		}

	}

}
