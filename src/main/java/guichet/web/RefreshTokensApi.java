package guichet.web;

import java.util.LinkedHashMap;
import java.util.Map;

import guichet.oauth2.AccessToken;
import guichet.oauth2.AccessTokens;
import guichet.oauth2.TokenUnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/oauth2/refresh-tokens (role ADMIN): an admin imports, once, a refresh token
 * obtained for a mailbox (Google, Microsoft delegated; docs/OAUTH2.md). Guichet stores it
 * encrypted, checks it at once by getting an access token, and from then on stores each
 * rotated one. The token is never echoed or logged.
 */
@RestController
class RefreshTokensApi {

	private final AccessTokens tokens;

	RefreshTokensApi(AccessTokens tokens) {
		this.tokens = tokens;
	}

	record RefreshTokenImport(String registration, String username, String refreshToken) {

		@Override
		public String toString() {
			return "RefreshTokenImport[registration=" + registration + ", username=" + username + "]";
		}

	}

	/**
	 * 200 with the new access token's expiry; 400 for a bad request; 422 when the token
	 * endpoint refuses the token.
	 */
	@PostMapping("/api/oauth2/refresh-tokens")
	ResponseEntity<Map<String, Object>> importRefreshToken(@RequestBody RefreshTokenImport request) {
		if (blank(request.registration()) || blank(request.username()) || blank(request.refreshToken())) {
			return problem(HttpStatus.BAD_REQUEST, "registration, username and refreshToken are all needed");
		}
		if (!tokens.exists(request.registration())) {
			return problem(HttpStatus.BAD_REQUEST, "no OAuth2 client registration named " + request.registration());
		}
		try {
			AccessToken token = tokens.importRefreshToken(request.registration(), request.username().strip(),
					request.refreshToken().strip());
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("registration", request.registration());
			body.put("username", request.username().strip());
			body.put("accessTokenExpiresAt", token.expiresAt());
			return ResponseEntity.ok(body);
		}
		catch (TokenUnavailableException ex) {
			return problem(HttpStatus.UNPROCESSABLE_ENTITY, ex.getMessage());
		}
		catch (IllegalStateException ex) {
			// no encryption key configured
			return problem(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

}
