package guichet.signin;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import guichet.support.HostileGuichet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' side of security (issue #21): a sign-in form with CSRF tokens and a new
 * session id, headers that keep applicant content from running, a 403 page for the
 * committee on admin pages, and a pause after repeated failures.
 */
class PagesSecurityTests {

	static HostileGuichet guichet;

	@BeforeAll
	static void start() {
		guichet = HostileGuichet.get();
	}

	@Test
	void pagesSendAnonymousPeopleToTheSignInPageWhileTheApiAsksForBasic() throws Exception {
		Session anonymous = new Session();

		var list = anonymous.get("/applications");
		var login = anonymous.get("/login");

		assertThat(list.statusCode()).isEqualTo(302);
		assertThat(list.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"_csrf\"");
		assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
			.contains("style-src 'self'")
			.doesNotContain("unsafe-inline");
		assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(guichet.http("GET", "/api/applications", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void aSignInWithoutItsCsrfTokenIsRefused() throws Exception {
		Session session = new Session();
		session.get("/login");

		var response = session.post("/login", "username=committee&password=" + HostileGuichet.COMMITTEE_PASSWORD);

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void signingInChangesTheSessionIdAndTheCommitteeGetsAClearRefusalOnAdminPages() throws Exception {
		Session member = new Session();
		member.get("/login");
		String before = member.cookie("JSESSIONID");

		var signedIn = member.signIn("committee", HostileGuichet.COMMITTEE_PASSWORD);
		var admin = member.get("/admin");

		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		assertThat(member.cookie("JSESSIONID")).isNotEqualTo(before);
		assertThat(member.get("/applications").statusCode()).isEqualTo(200);
		assertThat(admin.statusCode()).isEqualTo(403);
		assertThat(admin.body()).contains("This page is for administrators");
	}

	@Test
	void fiveFailedSignInsForOneNamePauseItAndThePageSaysSo() throws Exception {
		String name = "guessed-" + UUID.randomUUID();
		Session guesser = new Session();
		for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
			var failed = guesser.signIn(name, "guess-" + i);
			assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		}

		var paused = guesser.signIn(name, "another-guess");
		var page = guesser.get("/login?paused");

		assertThat(paused.headers().firstValue("Location").orElseThrow()).endsWith("/login?paused");
		assertThat(page.body()).contains("sign-in is paused for 15 minutes");
	}

	/**
	 * A browser's cookie jar, without following redirects, so that each answer can be
	 * looked at.
	 */
	static final class Session {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private final String base = "http://127.0.0.1:"
				+ guichet.context.getEnvironment().getProperty("local.server.port");

		HttpResponse<String> get(String path) throws Exception {
			return client.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("Accept-Language", "en")
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String form) throws Exception {
			return client.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> signIn(String username, String password) throws Exception {
			Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/login").body());
			assertThat(token.find()).isTrue();
			return post("/login", "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1));
		}

		String cookie(String name) {
			return cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter(cookie -> cookie.getName().equals(name))
				.map(java.net.HttpCookie::getValue)
				.findFirst()
				.orElse(null);
		}

	}

}
