package guichet.oauth2;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.stereotype.Component;

/**
 * The authorized clients of Guichet's mail servers: access tokens in memory only (they
 * live an hour and are cheap to renew), refresh tokens in PostgreSQL, encrypted, and
 * replaced by the rotated one each time the token endpoint sends a new one (Microsoft and
 * Google may invalidate the old one).
 */
@Component
class StoredAuthorizedClients implements OAuth2AuthorizedClientService {

	/**
	 * Stands for "no access token yet" beside an imported refresh token: expired, so the
	 * first use refreshes it.
	 */
	private static final OAuth2AccessToken NONE = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "none",
			Instant.EPOCH, Instant.EPOCH.plusSeconds(1));

	private final JdbcClient jdbc;

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final TokenCipher cipher;

	private final Map<Key, OAuth2AuthorizedClient> live = new ConcurrentHashMap<>();

	/**
	 * The refresh token each row holds, as last written or read here: a refresh that
	 * keeps it writes nothing.
	 */
	private final Map<Key, String> persisted = new ConcurrentHashMap<>();

	StoredAuthorizedClients(JdbcClient jdbc, ObjectProvider<ClientRegistrationRepository> registrations,
			OAuth2Properties properties) {
		this.jdbc = jdbc;
		this.registrations = registrations;
		this.cipher = new TokenCipher(properties.encryptionKey());
	}

	record Key(String registrationId, String principalName) {

		String context() {
			return registrationId + "\n" + principalName;
		}

	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, String principalName) {
		Key key = new Key(registrationId, principalName);
		OAuth2AuthorizedClient client = live.get(key);
		if (client != null) {
			return (T) client;
		}
		ClientRegistration registration = registration(registrationId);
		Optional<OAuth2RefreshToken> stored = storedRefreshToken(key);
		if (registration == null || stored.isEmpty()) {
			return null;
		}
		return (T) new OAuth2AuthorizedClient(registration, principalName, NONE, stored.get());
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
		Key key = new Key(client.getClientRegistration().getRegistrationId(), principal.getName());
		live.put(key, client);
		OAuth2RefreshToken refreshToken = client.getRefreshToken();
		if (refreshToken != null && !refreshToken.getTokenValue().equals(persisted.get(key))) {
			store(key, refreshToken.getTokenValue(), refreshToken.getIssuedAt());
		}
	}

	@Override
	public void removeAuthorizedClient(String registrationId, String principalName) {
		Key key = new Key(registrationId, principalName);
		live.remove(key);
		persisted.remove(key);
		jdbc.sql("delete from oauth2_refresh_token where registration_id = ? and principal_name = ?")
			.params(registrationId, principalName)
			.update();
	}

	/**
	 * Drops the access token held in memory (the refresh token stays): the next use asks
	 * for a new one.
	 */
	void forgetAccessToken(String registrationId, String principalName) {
		live.remove(new Key(registrationId, principalName));
	}

	/**
	 * Stores a refresh token an admin obtained once, replacing any other for this
	 * registration and user.
	 */
	void importRefreshToken(String registrationId, String principalName, String refreshToken) {
		Key key = new Key(registrationId, principalName);
		live.remove(key);
		store(key, refreshToken, Instant.now());
	}

	boolean canStoreRefreshTokens() {
		return cipher.hasKey();
	}

	private void store(Key key, String refreshToken, Instant issuedAt) {
		jdbc.sql("""
				insert into oauth2_refresh_token (registration_id, principal_name, refresh_token, issued_at)
				values (?, ?, ?, ?)
				on conflict (registration_id, principal_name) do update
				set refresh_token = excluded.refresh_token, issued_at = excluded.issued_at, stored_at = now()
				""")
			.params(key.registrationId(), key.principalName(), cipher.seal(refreshToken, key.context()),
					issuedAt == null ? null : java.sql.Timestamp.from(issuedAt))
			.update();
		persisted.put(key, refreshToken);
	}

	private Optional<OAuth2RefreshToken> storedRefreshToken(Key key) {
		return jdbc.sql(
				"select refresh_token, issued_at from oauth2_refresh_token where registration_id = ? and principal_name = ?")
			.params(key.registrationId(), key.principalName())
			.query((rs, row) -> {
				String value = cipher.open(rs.getBytes("refresh_token"), key.context());
				java.sql.Timestamp issuedAt = rs.getTimestamp("issued_at");
				persisted.put(key, value);
				return new OAuth2RefreshToken(value, issuedAt == null ? null : issuedAt.toInstant());
			})
			.optional();
	}

	private ClientRegistration registration(String registrationId) {
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		return repository == null ? null : repository.findByRegistrationId(registrationId);
	}

}
