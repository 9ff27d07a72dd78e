package guichet.oauth2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import guichet.startup.NamedProviders;
import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.MailProxy;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TokenEndpoint;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mailbox and the SMTP server signing in with OAuth2 over XOAUTH2, against GreenMail
 * (which takes a token as the user's password) and a token endpoint inside the test
 * (which makes each token it mints that password). Between Guichet and GreenMail, a relay
 * records what Guichet sends and plays the provider's part: hiding XOAUTH2, ending a
 * session with {@code BYE … AccessTokenExpired}.
 */
class XOAuth2MailTests {

	static final String SENDER = "guichet@committee.example";

	GreenMail greenMail;

	TokenEndpoint endpoint;

	MailProxy imap;

	MailProxy smtp;

	String databaseUrl;

	ConfigurableApplicationContext guichet;

	int applications;

	@BeforeEach
	void start() {
		NamedProviders.install();
		greenMail = new GreenMail(new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(),
				ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort() });
		greenMail.start();
		greenMail.setUser(Committee.SHARED, Committee.SHARED, "not-a-token");
		greenMail.setUser(SENDER, SENDER, "not-a-token");
		endpoint = new TokenEndpoint(greenMail).client("mailbox-app", "mailbox-secret", Committee.SHARED)
			.client("smtp-app", "smtp-secret", SENDER)
			.client("delegated-app", "delegated-secret", Committee.SHARED);
		imap = new MailProxy(greenMail.getImap().getPort());
		smtp = new MailProxy(greenMail.getSmtp().getPort());
		databaseUrl = TestDatabase.newDatabaseUrl();
	}

	@AfterEach
	void stop() {
		if (guichet != null) {
			guichet.close();
		}
		imap.close();
		smtp.close();
		endpoint.close();
		greenMail.stop();
	}

	@Test
	void readsAndSendsWithAppOnlyTokensThroughTheirExpiry() {
		endpoint.expiresIn(3);
		guichet = Guichets.start(settings("m365"));

		sendApplication();
		awaitFiled(1);
		awaitSent(1);
		// tokens live 3 s and are renewed 1 s before they expire: a few of them come and
		// go
		await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.tokensMintedFor(Committee.SHARED).size() >= 3);
		sendApplication();
		awaitFiled(2);
		awaitSent(2);

		List<String> signIns = xoauth2SignIns(imap, "AUTHENTICATE XOAUTH2 ");
		assertThat(signIns).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy(signIn -> assertThat(signIn).startsWith("user=" + Committee.SHARED + "\u0001auth=Bearer ")
				.endsWith("\u0001\u0001"));
		assertThat(signIns.stream().map(XOAuth2MailTests::bearer))
			.allMatch(endpoint.tokensMintedFor(Committee.SHARED)::contains);
		assertThat(xoauth2SignIns(smtp, "AUTH XOAUTH2 ")).isNotEmpty()
			.allSatisfy(signIn -> assertThat(signIn).startsWith("user=" + SENDER + "\u0001auth=Bearer "))
			.allMatch(signIn -> endpoint.tokensMintedFor(SENDER).contains(bearer(signIn)));
		assertThat(imap.clientLines()).noneMatch(line -> line.matches("(?i)\\S+ LOGIN .*\\r?\\n"));
		assertThat(mailboxHealth().getStatus()).isEqualTo(Status.UP);
		assertThat(mailboxHealth().getDetails()).containsEntry("token", "OK");
	}

	@Test
	void anInvalidGrantTakesTheMailboxDownInWordsUntilItIsFixed() {
		endpoint.expiresIn(3);
		guichet = Guichets.start(settings("m365"));
		sendApplication();
		awaitFiled(1);

		endpoint.refuseWithInvalidGrant("AADSTS7000215: the app's consent was revoked");

		await().atMost(Duration.ofSeconds(30)).until(() -> mailboxHealth().getStatus().equals(Status.DOWN));
		assertThat(String.valueOf(mailboxHealth().getDetails().get("token")))
			.startsWith("invalid_grant: AADSTS7000215: the app's consent was revoked");
		assertThat(String.valueOf(mailboxHealth().getDetails().get("reason"))).contains("invalid_grant");

		endpoint.accept();
		sendApplication();

		awaitFiled(2);
		await().atMost(Duration.ofSeconds(10)).until(() -> mailboxHealth().getStatus().equals(Status.UP));
	}

	@Test
	void aSessionEndedInTheMiddleOfAFetchIsReopenedOnceWithAFreshToken() {
		guichet = Guichets.start(settings("m365"));
		sendApplication();
		awaitFiled(1);
		int tokensBefore = endpoint.tokensMintedFor(Committee.SHARED).size();
		int signInsBefore = xoauth2SignIns(imap, "AUTHENTICATE XOAUTH2 ").size();

		// as Exchange does when the token of a session expires; the token itself is still
		// valid for another hour
		imap.endSessionOnNext("BODY.PEEK[]", "* BYE Session invalidated - AccessTokenExpired\r\n");
		sendApplication();

		awaitFiled(2);
		assertThat(imap.sessionEndPending()).isFalse();
		assertThat(endpoint.tokensMintedFor(Committee.SHARED)).hasSize(tokensBefore + 1);
		assertThat(xoauth2SignIns(imap, "AUTHENTICATE XOAUTH2 ")).hasSize(signInsBefore + 1);
		assertThat(mailboxHealth().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void noTokenIsSentToAServerThatDoesNotOfferXOAuth2() {
		imap.hideXOAuth2();
		smtp.hideXOAuth2();
		guichet = Guichets.start(settings("m365"));
		sendApplication();

		await().atMost(Duration.ofSeconds(20))
			.until(() -> mailboxHealth().getStatus().equals(Status.DOWN)
					&& "the server lacks XOAUTH2".equals(mailboxHealth().getDetails().get("reason")));
		assertThat(String.valueOf(mailboxHealth().getDetails().get("token"))).contains("does not offer XOAUTH2");
		// and through SMTP: the digest waits in the outbox with the reason
		assertThat(post("/api/digest", "").statusCode()).isEqualTo(202);
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select count(*) from outbox where last_error like '%does not offer XOAUTH2%'")
				.query(Integer.class)
				.single() > 0);

		List<String> sent = new java.util.ArrayList<>(imap.clientLines());
		sent.addAll(smtp.clientLines());
		assertThat(imap.clientLines()).isNotEmpty();
		assertThat(smtp.clientLines()).isNotEmpty();
		assertThat(sent).noneMatch(line -> line.matches("(?is)(\\S+ )?(LOGIN|AUTHENTICATE|AUTH) .*"));
		assertThat(endpoint.allTokensMinted())
			.allSatisfy(token -> assertThat(String.join("", sent)).doesNotContain(token)
				.doesNotContain(Base64.getEncoder().encodeToString(("auth=Bearer " + token).getBytes())));
	}

	@Test
	void aRefreshTokenIsImportedOnceStoredEncryptedAndReplacedAtEachRotation() throws Exception {
		endpoint.expiresIn(3);
		guichet = Guichets.start(settings("google"));
		await().atMost(Duration.ofSeconds(20)).until(() -> mailboxHealth().getStatus().equals(Status.DOWN));
		assertThat(String.valueOf(mailboxHealth().getDetails().get("token"))).contains("no refresh token")
			.contains("POST /api/oauth2/refresh-tokens");

		String imported = endpoint.issueRefreshToken(Committee.SHARED);
		HttpResponse<String> response = importRefreshToken(imported);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("accessTokenExpiresAt").doesNotContain(imported);
		sendApplication();
		awaitFiled(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.rotations() >= 4);
		byte[] stored = guichet.getBean(JdbcClient.class)
			.sql("select refresh_token from oauth2_refresh_token")
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("rt-");
		assertThat(endpoint.accepts(imported)).isFalse();

		// the rotated token, not the imported one, is what a restarted Guichet finds
		guichet.close();
		guichet = Guichets.start(settings("google"));
		sendApplication();
		awaitFiled(2);

		// a revoked grant: DOWN, in words, until an admin imports a new refresh token
		endpoint.revokeRefreshTokens();
		await().atMost(Duration.ofSeconds(30)).until(() -> mailboxHealth().getStatus().equals(Status.DOWN));
		assertThat(String.valueOf(mailboxHealth().getDetails().get("token"))).startsWith("invalid_grant: ");
		assertThat(importRefreshToken(endpoint.issueRefreshToken(Committee.SHARED)).statusCode()).isEqualTo(200);
		sendApplication();
		awaitFiled(3);
		await().atMost(Duration.ofSeconds(10)).until(() -> mailboxHealth().getStatus().equals(Status.UP));
	}

	@Test
	void aPop3MailboxSignsInWithXOAuth2Too() {
		Map<String, Object> settings = settings("m365");
		settings.put("guichet.mailboxes[0].protocol", "pop3");
		settings.put("guichet.mailboxes[0].after-processing", "DELETE");
		settings.put("guichet.mailboxes[0].port", String.valueOf(greenMail.getPop3().getPort()));
		guichet = Guichets.start(settings);

		sendApplication();

		awaitFiled(1);
		assertThat(endpoint.tokensMintedFor(Committee.SHARED)).isNotEmpty();
	}

	// -------------------------------------------------------------------------------------------------------------

	/**
	 * One mailbox (the shared one) and the SMTP server, both through the relays, both
	 * signing in with OAuth2.
	 */
	private Map<String, Object> settings(String registration) {
		Map<String, Object> settings = new HashMap<>(
				GuichetTestContext.properties(greenMail, databaseUrl, List.of(Committee.SHARED), "KEEP"));
		settings.remove("guichet.mailboxes[0].password");
		settings.put("guichet.mailboxes[0].port", String.valueOf(imap.port()));
		settings.put("guichet.mailboxes[0].auth", "oauth2");
		settings.put("guichet.mailboxes[0].registration", registration);
		settings.put("guichet.smtp.port", String.valueOf(smtp.port()));
		settings.put("guichet.smtp.auth", "oauth2");
		settings.put("guichet.smtp.registration", "m365-smtp");
		settings.put("guichet.smtp.username", SENDER);
		settings.put("guichet.oauth2.refresh-before-expiry", "1s");
		settings.put("guichet.oauth2.encryption-key", "q0nS2b1mH8YdGx4o0T9c3kqv7l2bF0uQ8wq3hX5m0aE=");
		String prefix = "spring.security.oauth2.client.";
		settings.put(prefix + "provider.test.token-uri", endpoint.tokenUri());
		clientCredentials(settings, "m365", "mailbox-app", "mailbox-secret");
		clientCredentials(settings, "m365-smtp", "smtp-app", "smtp-secret");
		settings.put(prefix + "registration.google.provider", "test");
		settings.put(prefix + "registration.google.client-id", "delegated-app");
		settings.put(prefix + "registration.google.client-secret", "delegated-secret");
		// Guichet never signs a person in: the admin imports the refresh token, the
		// registration only refreshes it
		settings.put(prefix + "registration.google.authorization-grant-type", "refresh_token");
		settings.put(prefix + "registration.google.scope", "https://mail.google.com/");
		return settings;
	}

	private static void clientCredentials(Map<String, Object> settings, String registration, String clientId,
			String secret) {
		String prefix = "spring.security.oauth2.client.registration." + registration + ".";
		settings.put(prefix + "provider", "test");
		settings.put(prefix + "client-id", clientId);
		settings.put(prefix + "client-secret", secret);
		settings.put(prefix + "authorization-grant-type", "client_credentials");
		settings.put(prefix + "scope", "https://outlook.office365.com/.default");
	}

	private void sendApplication() {
		int number = ++applications;
		TestMail.application()
			.from("applicant" + number + "@example.org")
			.to(Committee.SHARED)
			.subject("Application " + number + " " + UUID.randomUUID())
			.sendThrough(greenMail);
	}

	private void awaitFiled(int count) {
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from message where state = 'FILED'").query(Integer.class).single(),
					filed -> filed >= count);
	}

	private void awaitSent(int count) {
		JdbcClient jdbc = guichet.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from outbox where kind = 'ACKNOWLEDGEMENT' and state = 'SENT'")
				.query(Integer.class)
				.single(), sent -> sent >= count);
	}

	private Health mailboxHealth() {
		var mailboxes = guichet.getBean("mailboxes", CompositeHealthContributor.class);
		return ((HealthIndicator) mailboxes.getContributor(Committee.SHARED)).health();
	}

	/**
	 * The decoded XOAUTH2 initial responses the client sent after {@code command} (after
	 * the IMAP tag, if any).
	 */
	private static List<String> xoauth2SignIns(MailProxy proxy, String command) {
		return proxy.clientLines()
			.stream()
			.filter(line -> line.contains(command))
			.map(line -> line.substring(line.indexOf(command) + command.length()).strip())
			.map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
			.toList();
	}

	private static String bearer(String signIn) {
		return signIn.substring(signIn.indexOf("auth=Bearer ") + "auth=Bearer ".length(),
				signIn.indexOf("\u0001\u0001"));
	}

	private HttpResponse<String> importRefreshToken(String refreshToken) {
		return post("/api/oauth2/refresh-tokens", """
				{"registration": "google", "username": "%s", "refreshToken": "%s"}""".formatted(Committee.SHARED,
				refreshToken));
	}

	private HttpResponse<String> post(String path, String json) {
		String port = guichet.getEnvironment().getProperty("local.server.port");
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
