package guichet.archive;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.TestDatabase;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code guichet.import.max-upload-size} holds on the real web server: an upload over it
 * comes back to the import page, which says the limit and names the setting, and nothing
 * is imported; one under it reaches the confirmation. Both carry the page's CSRF token as
 * the page's form does, in its address.
 */
class UploadLimitTests {

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	static final Pattern UPLOAD_ACTION = Pattern.compile("action=\"(/admin/import\\?_csrf=[^\"]+)\"");

	final GreenMail greenMail = TestMailServer.start();

	ConfigurableApplicationContext guichet;

	final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@AfterEach
	void stop() {
		if (this.guichet != null) {
			this.guichet.close();
		}
		this.greenMail.stop();
	}

	@Test
	void anUploadOverTheLimitIsRefusedWithTheSettingNamedAndOneUnderItIsChecked() throws Exception {
		Map<String, Object> settings = new HashMap<>(
				GuichetTestContext.properties(this.greenMail, TestDatabase.newDatabaseUrl()));
		settings.put("guichet.import.max-upload-size", "64KB");
		this.guichet = Guichets.start(settings);
		String base = "http://localhost:" + this.guichet.getEnvironment().getProperty("local.server.port");
		signIn(base, "admin", "admin-pass");
		String page = get(base + "/admin/import").body();
		Matcher action = UPLOAD_ACTION.matcher(page);
		assertThat(action.find()).as(page).isTrue();
		String uploadUrl = base + action.group(1).replace("&amp;", "&");

		HttpResponse<String> tooLarge = upload(uploadUrl, "big.mbox", new byte[100 * 1024]);
		HttpResponse<String> small = upload(uploadUrl, "small.eml", """
				Received: from mx.example.org by mail.committee.example; Mon, 2 Dec 2019 09:00:00 +0000
				From: ana@example.org
				Subject: Application

				Our note.
				""".getBytes(StandardCharsets.US_ASCII));

		assertThat(tooLarge.statusCode()).isEqualTo(302);
		assertThat(tooLarge.headers().firstValue("Location").orElseThrow()).endsWith("/admin/import?tooLarge");
		assertThat(get(base + "/admin/import?tooLarge").body())
			.contains("The upload is larger than 64 KB (guichet.import.max-upload-size)");
		assertThat(small.statusCode()).isEqualTo(200);
		assertThat(small.body()).contains("import:small.eml", "Import these 1 message(s)?");
	}

	private void signIn(String base, String username, String password) throws Exception {
		Matcher token = CSRF.matcher(get(base + "/login").body());
		assertThat(token.find()).isTrue();
		String form = "username=" + username + "&password=" + password + "&_csrf="
				+ URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = this.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> upload(String url, String filename, byte[] content) throws Exception {
		String boundary = "guichet-test-boundary";
		var body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"archives\"; filename=\"" + filename
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		body.write(content);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
