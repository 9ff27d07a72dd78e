package guichet.intake;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.intake.MailboxProperties.Mailbox;
import guichet.oauth2.AccessToken;
import guichet.oauth2.AccessTokens;
import guichet.oauth2.XOAuth2;

import org.springframework.stereotype.Component;

/**
 * One open connection (store) per mailbox, signed in with its password or with an OAuth2
 * token over XOAUTH2. A token is taken right before each sign-in, and the connection is
 * reopened before that token expires, since neither Angus nor the server renews it:
 * Exchange ends such a session with {@code BYE … AccessTokenExpired}, sometimes while the
 * store still says it is connected. A session that ends or a sign-in that is refused is
 * retried once, with a new connection and a new token ({@link #withReconnect}).
 */
@Component
class MailboxConnections {

	private static final Logger log = LoggerFactory.getLogger(MailboxConnections.class);

	private final AccessTokens tokens;

	private final Clock clock;

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	MailboxConnections(AccessTokens tokens) {
		this.tokens = tokens;
		this.clock = Clock.systemUTC();
	}

	/** An open store and, with OAuth2, the token it signed in with. */
	private record Connection(Store store, AccessToken token) {
	}

	/** Work on a mailbox's connection that may be retried once on a new connection. */
	@FunctionalInterface
	interface Work<T> {

		T run() throws MessagingException;

	}

	/**
	 * Does {@code work}, and, when the server ended the session or refused the sign-in,
	 * does it once more on a new connection signed in with a new token. {@code work} must
	 * be safe to repeat (the ledger makes every step so).
	 */
	<T> T withReconnect(Mailbox mailbox, Runnable onNewConnection, Work<T> work) throws MessagingException {
		try {
			return work.run();
		}
		catch (MessagingException ex) {
			if (!isSessionLost(ex, mailbox.usesOAuth2()) || XOAuth2.notOffered(ex)) {
				throw ex;
			}
			log.info("{}: {}; reconnecting once{}", mailbox.name(), ex.getClass().getSimpleName(),
					mailbox.usesOAuth2() ? " with a new token" : "");
			drop(mailbox);
			onNewConnection.run();
			return work.run();
		}
	}

	/**
	 * The mailbox's open store, or a new one: reopened when its token is about to expire.
	 */
	Store store(Mailbox mailbox, Runnable onNewConnection) throws MessagingException {
		Connection connection = connections.get(mailbox.name());
		if (connection != null && connection.token() != null
				&& connection.token().expiresWithin(tokens.refreshBeforeExpiry(), clock.instant())) {
			log.debug("{}: the token of this connection expires at {}; reconnecting", mailbox.name(),
					connection.token().expiresAt());
			close(mailbox.name());
			connection = null;
		}
		if (connection != null && connection.store().isConnected()) {
			return connection.store();
		}
		onNewConnection.run();
		connection = connect(mailbox);
		connections.put(mailbox.name(), connection);
		return connection.store();
	}

	private Connection connect(Mailbox mailbox) throws MessagingException {
		String protocol = mailbox.protocol().store();
		Properties properties = sessionProperties(mailbox);
		if (!mailbox.usesOAuth2()) {
			Store store = Session.getInstance(properties).getStore(protocol);
			store.connect(mailbox.host(), mailbox.effectivePort(), mailbox.username(), mailbox.password());
			return new Connection(store, null);
		}
		AccessToken token = tokens.obtain(mailbox.registration(), mailbox.username());
		Store store = XOAuth2.session(properties, protocol).getStore(protocol);
		try {
			store.connect(mailbox.host(), mailbox.effectivePort(), mailbox.username(), token.value());
		}
		catch (MessagingException ex) {
			if (XOAuth2.notOffered(ex)) {
				throw new MessagingException(mailbox.host() + ": " + XOAuth2.NOT_OFFERED, ex);
			}
			throw ex;
		}
		return new Connection(store, token);
	}

	static Properties sessionProperties(Mailbox mailbox) {
		String protocol = mailbox.protocol().store();
		Properties properties = new Properties();
		properties.put("mail." + protocol + ".connectiontimeout", "20000");
		properties.put("mail." + protocol + ".timeout", "60000");
		properties.put("mail." + protocol + ".writetimeout", "60000");
		properties.put("mail." + protocol + ".peek", "true");
		if (mailbox.protocol().isSecure()) {
			properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
		}
		return properties;
	}

	/**
	 * Closes the mailbox's connection and, with OAuth2, forgets its token: the next one
	 * is taken anew.
	 */
	void drop(Mailbox mailbox) {
		close(mailbox.name());
		if (mailbox.usesOAuth2()) {
			tokens.forget(mailbox.registration(), mailbox.username());
		}
	}

	private void close(String mailboxName) {
		Connection connection = connections.remove(mailboxName);
		if (connection != null) {
			try {
				connection.store().close();
			}
			catch (MessagingException | RuntimeException ex) {
				// already broken
			}
		}
	}

	/**
	 * The server ended the session (a BYE, a dropped connection) or, with a token,
	 * refused the sign-in (a token the endpoint still held in its cache may have been
	 * revoked). A refused password is not tried twice.
	 */
	private static boolean isSessionLost(Throwable failure, boolean token) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof FolderClosedException || cause instanceof StoreClosedException
					|| (token && cause instanceof AuthenticationFailedException)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Closes a folder, expunging it if asked; a folder that cannot be closed belongs to a
	 * connection already broken, which the next poll replaces.
	 */
	static void closeQuietly(Folder folder, boolean expunge) {
		try {
			if (folder.isOpen()) {
				folder.close(expunge);
			}
		}
		catch (MessagingException | RuntimeException ex) {
			log.debug("Closing {} failed: {}", folder.getFullName(), ex.toString());
		}
	}

	@jakarta.annotation.PreDestroy
	void closeAll() {
		List.copyOf(connections.keySet()).forEach(this::close);
	}

}
