package guichet.oauth2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.stereotype.Component;

/**
 * Access tokens for signing in to mail servers with XOAUTH2, one per client registration
 * and mail user: client credentials (Microsoft 365 app-only) or an imported refresh token
 * (Google, Microsoft delegated). A token is taken right before each connection and
 * renewed {@code guichet.oauth2.refresh-before-expiry} before it expires; what went wrong
 * last is kept, in words, for health. Tokens are never logged.
 */
@Component
public class AccessTokens {

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final StoredAuthorizedClients clients;

	private final OAuth2Properties properties;

	private final Clock clock;

	private volatile AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

	private final Map<StoredAuthorizedClients.Key, String> problems = new ConcurrentHashMap<>();

	private final Map<StoredAuthorizedClients.Key, Instant> lastIssued = new ConcurrentHashMap<>();

	private final Map<StoredAuthorizedClients.Key, Object> locks = new ConcurrentHashMap<>();

	AccessTokens(ObjectProvider<ClientRegistrationRepository> registrations, StoredAuthorizedClients clients,
			OAuth2Properties properties) {
		this.registrations = registrations;
		this.clients = clients;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	/** How long before its expiry a token is renewed and its connection reopened. */
	public Duration refreshBeforeExpiry() {
		return properties.refreshBeforeExpiry();
	}

	/**
	 * A token valid for at least {@link #refreshBeforeExpiry()}: the one in memory, or a
	 * new one from the token endpoint.
	 * @param user the mail user the token is for, also the XOAUTH2 {@code user=}
	 */
	public AccessToken obtain(String registration, String user) throws TokenUnavailableException {
		StoredAuthorizedClients.Key key = new StoredAuthorizedClients.Key(registration, user);
		OAuth2AuthorizedClient client;
		// one refresh at a time per user: two polls refreshing the same refresh token at
		// once would see the second
		// refused (the first rotated it), and the refusal would delete the rotated token
		// just stored
		synchronized (locks.computeIfAbsent(key, k -> new Object())) {
			client = authorize(key);
		}
		if (client == null) {
			String problem = noClientProblem(registration, user);
			problems.put(key, problem);
			throw new TokenUnavailableException(problem, null);
		}
		problems.remove(key);
		Instant expiresAt = client.getAccessToken().getExpiresAt();
		lastIssued.put(key, expiresAt == null ? Instant.MAX : expiresAt);
		return new AccessToken(client.getAccessToken().getTokenValue(), expiresAt);
	}

	private OAuth2AuthorizedClient authorize(StoredAuthorizedClients.Key key) throws TokenUnavailableException {
		String registration = key.registrationId();
		String user = key.principalName();
		try {
			return manager()
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registration).principal(user).build());
		}
		catch (OAuth2AuthorizationException ex) {
			String problem = describe(ex.getError(), ex);
			if (!problem.equals(problems.put(key, problem))) {
				log.warn("OAuth2 registration {} refused a token for {}: {}", registration, user, problem);
			}
			throw new TokenUnavailableException(
					"no OAuth2 token for " + user + " (registration " + registration + "): " + problem, ex);
		}
		catch (RuntimeException ex) {
			// the token endpoint unreachable, a stored token that does not decrypt…
			String problem = String.valueOf(ex.getMessage());
			problems.put(key, problem);
			throw new TokenUnavailableException(
					"no OAuth2 token for " + user + " (registration " + registration + "): " + problem, ex);
		}
	}

	/**
	 * Forgets the access token held for this user (a server refused it, or ended the
	 * session): the next {@link #obtain} asks the token endpoint again. A stored refresh
	 * token stays.
	 */
	public void forget(String registration, String user) {
		clients.forgetAccessToken(registration, user);
	}

	/**
	 * Stores a refresh token an admin obtained once, then checks it by getting an access
	 * token with it.
	 */
	public AccessToken importRefreshToken(String registration, String user, String refreshToken)
			throws TokenUnavailableException {
		requireRegistration(registration);
		StoredAuthorizedClients.Key key = new StoredAuthorizedClients.Key(registration, user);
		synchronized (locks.computeIfAbsent(key, k -> new Object())) {
			clients.importRefreshToken(registration, user, refreshToken);
			problems.remove(key);
		}
		log.info("A refresh token was imported for {} (registration {})", user, registration);
		return obtain(registration, user);
	}

	public boolean exists(String registration) {
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		return registration != null && repository != null && repository.findByRegistrationId(registration) != null;
	}

	/**
	 * What health says of this user's token, in words: OK, the endpoint's refusal, a
	 * secret about to expire.
	 */
	public TokenStatus status(String registration, String user) {
		StoredAuthorizedClients.Key key = new StoredAuthorizedClients.Key(registration, user);
		String problem = problems.get(key);
		if (problem != null) {
			return new TokenStatus(false, problem);
		}
		LocalDate secretExpires = properties.secretExpires().get(registration);
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		if (secretExpires != null && !today.isBefore(secretExpires)) {
			return new TokenStatus(false, "the client secret of registration " + registration + " expired on "
					+ secretExpires + ": create a new one and update its client-secret");
		}
		String issued = lastIssued.containsKey(key) ? "OK" : "no token asked for yet";
		if (secretExpires != null && !today.plusDays(properties.secretWarning().toDays()).isBefore(secretExpires)) {
			return new TokenStatus(true,
					issued + "; but the client secret of registration " + registration + " expires on " + secretExpires
							+ " (in " + ChronoUnit.DAYS.between(today, secretExpires)
							+ " days): create a new one and update its client-secret");
		}
		return new TokenStatus(true, issued);
	}

	/** A token's state for health: {@code healthy} false makes the mailbox DOWN. */
	public record TokenStatus(boolean healthy, String description) {
	}

	private void requireRegistration(String registration) {
		if (!exists(registration)) {
			throw new IllegalArgumentException("no OAuth2 client registration named " + registration
					+ " (spring.security.oauth2.client.registration." + registration + ".*)");
		}
	}

	private String noClientProblem(String registration, String user) {
		if (!exists(registration)) {
			return "no OAuth2 client registration named " + registration;
		}
		if (!clients.canStoreRefreshTokens()) {
			return "no refresh token for " + user + " (registration " + registration + "), and none can be stored: set "
					+ TokenCipher.PROPERTY + ", then import one (POST /api/oauth2/refresh-tokens)";
		}
		return "no refresh token for " + user + " (registration " + registration
				+ "): an admin imports one once (POST /api/oauth2/refresh-tokens)";
	}

	private static String describe(OAuth2Error error, Exception ex) {
		if (error == null) {
			return String.valueOf(ex.getMessage());
		}
		StringBuilder description = new StringBuilder(error.getErrorCode());
		if (error.getDescription() != null && !error.getDescription().isBlank()) {
			description.append(": ").append(error.getDescription().strip());
		}
		if ("invalid_grant".equals(error.getErrorCode())) {
			description.append(" (the refresh token or the grant is no longer accepted: import a new refresh token,"
					+ " or check the app's permissions)");
		}
		if ("invalid_client".equals(error.getErrorCode())) {
			description.append(" (check the registration's client-id and client-secret; an expired secret gives this)");
		}
		return description.length() > 600 ? description.substring(0, 600) : description.toString();
	}

	private AuthorizedClientServiceOAuth2AuthorizedClientManager manager() {
		AuthorizedClientServiceOAuth2AuthorizedClientManager current = manager;
		if (current == null) {
			synchronized (this) {
				if (manager == null) {
					ClientRegistrationRepository repository = registrations.getIfAvailable();
					if (repository == null) {
						throw new IllegalStateException(
								"no OAuth2 client registration is configured (spring.security.oauth2.client.registration.*)");
					}
					var built = new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, clients);
					built.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
						.clientCredentials(provider -> provider.clockSkew(properties.refreshBeforeExpiry()))
						.refreshToken(provider -> provider.clockSkew(properties.refreshBeforeExpiry()))
						.build());
					manager = built;
				}
				current = manager;
			}
		}
		return current;
	}

}
