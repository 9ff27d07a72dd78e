package guichet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small OAuth2 token endpoint on loopback, standing for Entra ID or Google: client
 * credentials and refresh tokens, with a real {@code expires_in}, a new refresh token at
 * each refresh (the old one then refused), and {@code invalid_grant} on demand. Each
 * access token it mints becomes the GreenMail password of the mail user it is for, as
 * GreenMail checks an XOAUTH2 token as the user's password: an older token stops working
 * for new sign-ins.
 */
public final class TokenEndpoint implements AutoCloseable {

	private final GreenMail greenMail;

	private final HttpServer server;

	/**
	 * The mail user each client's app-only tokens are for (one user per client, as
	 * GreenMail has one password).
	 */
	private final Map<String, String> clients = new ConcurrentHashMap<>();

	private final Map<String, String> secrets = new ConcurrentHashMap<>();

	/** The refresh tokens still accepted, and the mail user each one is for. */
	private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

	/** Every access token minted, in order, with its user. */
	private final List<String[]> minted = new ArrayList<>();

	private final AtomicInteger rotations = new AtomicInteger();

	private volatile int expiresIn = 3600;

	private volatile String refusal;

	public TokenEndpoint(GreenMail greenMail) {
		this.greenMail = greenMail;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/token", this::token);
		server.start();
	}

	public String tokenUri() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
	}

	/**
	 * A confidential client whose client-credentials tokens sign in as {@code mailUser}.
	 */
	public TokenEndpoint client(String clientId, String secret, String mailUser) {
		clients.put(clientId, mailUser);
		secrets.put(clientId, secret);
		return this;
	}

	/**
	 * A refresh token for {@code mailUser}, as an admin would get once by signing in
	 * through the provider.
	 */
	public String issueRefreshToken(String mailUser) {
		String token = "rt-" + UUID.randomUUID();
		refreshTokens.put(token, mailUser);
		return token;
	}

	public void expiresIn(int seconds) {
		this.expiresIn = seconds;
	}

	/**
	 * From now on, answer every request with {@code invalid_grant}, until
	 * {@link #accept()}.
	 */
	public void refuseWithInvalidGrant(String description) {
		this.refusal = description;
	}

	public void accept() {
		this.refusal = null;
	}

	/**
	 * Revokes every refresh token (a user changed their password, an admin revoked the
	 * grant).
	 */
	public void revokeRefreshTokens() {
		refreshTokens.clear();
	}

	public synchronized List<String> tokensMintedFor(String mailUser) {
		return minted.stream().filter(entry -> entry[0].equals(mailUser)).map(entry -> entry[1]).toList();
	}

	public synchronized List<String> allTokensMinted() {
		return minted.stream().map(entry -> entry[1]).toList();
	}

	public int rotations() {
		return rotations.get();
	}

	public boolean accepts(String refreshToken) {
		return refreshTokens.containsKey(refreshToken);
	}

	private void token(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> form = form(
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			String clientId = form.get("client_id");
			String secret = form.get("client_secret");
			String basic = exchange.getRequestHeaders().getFirst("Authorization");
			if (basic != null && basic.startsWith("Basic ")) {
				String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
					.split(":", 2);
				clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
				secret = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
			}
			if (clientId == null || !secrets.containsKey(clientId) || !secrets.get(clientId).equals(secret)) {
				answer(exchange, 401,
						"{\"error\":\"invalid_client\",\"error_description\":\"unknown client or secret\"}");
				return;
			}
			if (refusal != null) {
				answer(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + refusal + "\"}");
				return;
			}
			switch (String.valueOf(form.get("grant_type"))) {
				case "client_credentials" -> answer(exchange, 200, mint(clients.get(clientId), null));
				case "refresh_token" -> {
					String user = refreshTokens.remove(String.valueOf(form.get("refresh_token")));
					if (user == null) {
						answer(exchange, 400, "{\"error\":\"invalid_grant\","
								+ "\"error_description\":\"AADSTS70000: the refresh token is expired or revoked\"}");
						return;
					}
					String rotated = "rt-" + UUID.randomUUID();
					refreshTokens.put(rotated, user);
					rotations.incrementAndGet();
					answer(exchange, 200, mint(user, rotated));
				}
				default -> answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
			}
		}
	}

	private String mint(String mailUser, String refreshToken) {
		String token = "at-" + UUID.randomUUID();
		GreenMailUser user = greenMail.getUserManager().getUser(mailUser);
		user.setPassword(token);
		synchronized (this) {
			minted.add(new String[] { mailUser, token });
		}
		return "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
				+ (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"") + "}";
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
