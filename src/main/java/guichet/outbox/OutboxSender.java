package guichet.outbox;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.oauth2.AccessToken;
import guichet.oauth2.AccessTokens;
import guichet.oauth2.XOAuth2;
import guichet.outbox.Outbox.Due;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Sends what the {@link Outbox} holds, each mail once (routes/outbox.camel.yaml calls
 * {@link #sendDue()} every few seconds). A mail that cannot be sent is retried with
 * exponential back-off, then kept as FAILED for an admin.
 *
 * <p>
 * Each mail is sent inside the transaction that locked its row, and the row is marked
 * SENT <em>before</em> the SMTP exchange, so that the commit is the only step left once
 * the server has accepted the mail. The remaining window: if Guichet dies, or loses the
 * database, between the server's "250 OK" and that commit, the row is still PENDING and
 * the mail is sent again later. The copy is byte for byte the same, with the same
 * Message-ID, so mail clients and Guichet's own intake (X-Guichet) can recognise it.
 * Closing that window for good would need the SMTP server to take part in the
 * transaction, which SMTP cannot do.
 */
@Component
public class OutboxSender {

	private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

	private final Outbox outbox;

	private final TransactionTemplate transaction;

	private final SmtpProperties smtp;

	private final OutboxProperties properties;

	/**
	 * One mail session for every batch: making one reads Jakarta Mail's provider lists
	 * from the class path, which cost more than sending a few mails (issue #7). Made at
	 * the first mail, since its settings never change.
	 */
	private final SingletonSupplier<Session> session = SingletonSupplier.of(this::newSession);

	private final AccessTokens tokens;

	/** How long each send took, by outcome (docs/METRICS.md). */
	private final Timer sent;

	private final Timer failed;

	OutboxSender(Outbox outbox, TransactionTemplate transaction, SmtpProperties smtp, OutboxProperties properties,
			AccessTokens tokens, MeterRegistry registry) {
		this.outbox = outbox;
		this.sent = Timer.builder("guichet.outbox.send")
			.description("SMTP sends of outbox mails, by outcome")
			.tag("outcome", "sent")
			.register(registry);
		this.failed = Timer.builder("guichet.outbox.send")
			.description("SMTP sends of outbox mails, by outcome")
			.tag("outcome", "failed")
			.register(registry);
		this.tokens = tokens;
		this.transaction = transaction;
		this.smtp = smtp;
		this.properties = properties;
	}

	private Session newSession() {
		Properties settings = new Properties();
		settings.put("mail.smtp.host", smtp.host());
		settings.put("mail.smtp.port", String.valueOf(smtp.port()));
		settings.put("mail.smtp.auth", String.valueOf(smtp.hasCredentials()));
		// credentials never travel in clear: with a username, STARTTLS is used when the
		// server offers it
		settings.put("mail.smtp.starttls.enable", String.valueOf(smtp.hasCredentials()));
		if (smtp.usesOAuth2()) {
			// a token, like a password, never travels in clear
			settings.put("mail.smtp.starttls.enable", "true");
			XOAuth2.configure(settings, "smtp");
		}
		String timeout = String.valueOf(properties.smtpTimeout().toMillis());
		settings.put("mail.smtp.connectiontimeout", timeout);
		settings.put("mail.smtp.timeout", timeout);
		settings.put("mail.smtp.writetimeout", timeout);
		return Session.getInstance(settings);
	}

	/**
	 * Sends the mails that are due, at most {@code guichet.outbox.batch-size}; returns
	 * how many were sent.
	 */
	public int sendDue() {
		int sent = 0;
		// one SMTP connection for the whole batch: a handshake per mail cost more than
		// the mail itself
		try (Connection connection = new Connection()) {
			for (int i = 0; i < properties.batchSize(); i++) {
				Optional<Boolean> attempt = transaction.execute(status -> sendNext(connection));
				if (attempt == null || attempt.isEmpty() || !attempt.get()) {
					// nothing due, or the server refuses or is down: the rest waits for
					// the next run
					break;
				}
				sent++;
			}
		}
		return sent;
	}

	/**
	 * @return empty when nothing is due, else whether the mail was sent
	 */
	private Optional<Boolean> sendNext(Connection connection) {
		Optional<Due> next = outbox.claimNextDue();
		if (next.isEmpty()) {
			return Optional.empty();
		}
		Due due = next.get();
		outbox.markSent(due.id());
		long start = System.nanoTime();
		try {
			send(due, connection);
			sent.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
			return Optional.of(true);
		}
		catch (MessagingException | RuntimeException ex) {
			failed.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
			int attempts = due.attempts() + 1;
			boolean last = attempts >= properties.maxAttempts();
			Instant nextAttempt = Instant.now().plus(properties.retryAfter(attempts));
			outbox.markAttemptFailed(due.id(), attempts, last, nextAttempt, describe(ex));
			if (last) {
				log.error("Gave up sending mail {} to {} after {} attempts: {}", due.id(), due.recipients(), attempts,
						describe(ex));
			}
			else {
				log.warn("Could not send mail {} to {} (attempt {}), next attempt at {}: {}", due.id(),
						due.recipients(), attempts, nextAttempt, describe(ex));
			}
			return Optional.of(false);
		}
	}

	private void send(Due due, Connection connection) throws MessagingException {
		// sent as stored: Transport#sendMessage, unlike Transport.send, does not rewrite
		// headers (saveChanges)
		SMTPMessage message = new SMTPMessage(connection.session(), new ByteArrayInputStream(due.mime()));
		message.setEnvelopeFrom(due.sender());
		InternetAddress[] recipients = new InternetAddress[due.recipients().size()];
		for (int i = 0; i < recipients.length; i++) {
			recipients[i] = new InternetAddress(due.recipients().get(i), false);
		}
		try {
			connection.transport().sendMessage(message, recipients);
		}
		catch (MessagingException | RuntimeException ex) {
			// the connection may be broken: the next mail opens a new one
			connection.close();
			throw ex;
		}
	}

	/**
	 * An SMTP connection opened at the first mail of a batch and closed at its end (or
	 * when it breaks).
	 */
	private final class Connection implements AutoCloseable {

		private Transport transport;

		/**
		 * With OAuth2, the token the transport signed in with: it is reopened before that
		 * token expires.
		 */
		private AccessToken token;

		Session session() {
			return session.obtain();
		}

		Transport transport() throws MessagingException {
			if (transport != null && token != null
					&& token.expiresWithin(tokens.refreshBeforeExpiry(), Instant.now())) {
				close();
			}
			if (transport == null || !transport.isConnected()) {
				transport = session().getTransport("smtp");
				if (smtp.usesOAuth2()) {
					connectWithToken();
				}
				else {
					transport.connect(smtp.host(), smtp.port(), smtp.hasCredentials() ? smtp.username() : null,
							smtp.hasCredentials() ? smtp.password() : null);
				}
			}
			return transport;
		}

		/**
		 * Signs in with a fresh token; once more with a new one if the server refuses it
		 * (revoked, say).
		 */
		private void connectWithToken() throws MessagingException {
			token = tokens.obtain(smtp.registration(), smtp.username());
			try {
				transport.connect(smtp.host(), smtp.port(), smtp.username(), token.value());
			}
			catch (AuthenticationFailedException ex) {
				if (XOAuth2.notOffered(ex)) {
					close();
					throw new MessagingException(smtp.host() + ": " + XOAuth2.NOT_OFFERED, ex);
				}
				tokens.forget(smtp.registration(), smtp.username());
				token = tokens.obtain(smtp.registration(), smtp.username());
				transport.connect(smtp.host(), smtp.port(), smtp.username(), token.value());
			}
		}

		@Override
		public void close() {
			if (transport != null) {
				try {
					transport.close();
				}
				catch (MessagingException | RuntimeException ex) {
					// already gone
				}
				transport = null;
			}
			token = null;
		}

	}

	private static String describe(Exception ex) {
		StringBuilder description = new StringBuilder(String.valueOf(ex.getMessage()).strip());
		Throwable cause = ex.getCause();
		if (cause != null && cause.getMessage() != null) {
			description.append(" (").append(cause.getMessage().strip()).append(')');
		}
		return description.length() > 500 ? description.substring(0, 500) : description.toString();
	}

}
