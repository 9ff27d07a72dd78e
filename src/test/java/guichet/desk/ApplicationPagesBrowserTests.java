package guichet.desk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;

import guichet.support.Browser;
import guichet.support.MailTestSupport;
import guichet.support.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A committee member and an admin at work in a real browser (issue #21): Debian's
 * Chromium, headless. Each test files its own applications, marked with a word of its
 * own, so that it finds them among the other tests' applications.
 */
class ApplicationPagesBrowserTests extends MailTestSupport {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	guichet.digest.Digests digests;

	@Autowired
	org.springframework.core.env.Environment environment;

	@AfterEach
	void signOut() {
		ChromeDriver driver = browser.driver();
		// the language a test switched to stays in a cookie: the next test reads English
		driver.get(url("/applications?lang=en"));
		if (!driver.findElements(By.id("sign-out")).isEmpty()) {
			driver.findElement(By.id("sign-out")).click();
		}
	}

	@Test
	void aMemberFindsAnApplicationByAWordOfItsNoteReadsItAndDownloadsTheNote() throws Exception {
		String token = token();
		byte[] frenchNote = note("note-fr-1page.pdf");
		send(TestMail.application()
			.from(encoded("Élodie Martin") + " <" + applicant("elodie") + ">")
			.subject("Livreurs " + token)
			.attach("note descriptive.pdf", "application/pdf", frenchNote));
		send(TestMail.application()
			.from("Liam Byrne <" + applicant("liam") + ">")
			.subject("Crowdworkers " + token)
			.attach("note.pdf", "application/pdf", note("note-en-1page.pdf")));
		send(TestMail.application()
			.from(encoded("Zoé Petit") + " <" + applicant("zoe") + ">")
			.subject("Sans note " + token)
			.body("Bonjour, voici notre candidature."));
		awaitFiled(token, 3);
		ChromeDriver driver = browser.driver();

		signIn("member", "member");
		browser.screenshot("sign-in-done");
		driver.get(url("/applications?q=" + token));
		assertThat(rows()).hasSize(3);
		assertThat(driver.findElement(By.id("counts")).getText()).contains("3 applications", "1 without a note");
		browser.screenshot("applications-list");

		search("velo " + token);
		assertThat(rows()).hasSize(1);
		assertThat(rows().get(0).getText()).contains("Élodie Martin", "Livreurs " + token);
		search("vélo " + token);
		assertThat(rows()).hasSize(1);
		assertThat(driver.getCurrentUrl()).contains("q=v%C3%A9lo");

		driver.get(url("/applications?language=en&q=" + token));
		assertThat(rows()).singleElement().satisfies(row -> assertThat(row.getText()).contains("Liam Byrne"));
		driver.get(url("/applications?flag=NO_NOTE&q=" + token));
		assertThat(rows()).singleElement().satisfies(row -> assertThat(row.getText()).contains("Zoé Petit"));
		browser.screenshot("applications-filtered");

		driver.get(url("/applications?sort=subject&dir=desc&q=" + token));
		assertThat(rows()).extracting(WebElement::getText)
			.satisfiesExactly(first -> assertThat(first).contains("Zoé"),
					second -> assertThat(second).contains("Élodie"), third -> assertThat(third).contains("Liam"));
		new Actions(driver).sendKeys("/").perform();
		assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("search");
		driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
		new Actions(driver).sendKeys("j").sendKeys("j").sendKeys("k").sendKeys("j").perform();
		assertThat(driver.findElement(By.cssSelector("tr.current")).getText()).contains("Élodie");
		new Actions(driver).sendKeys(Keys.ENTER).perform();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> driver.getCurrentUrl().matches(".*/applications/[0-9a-f-]{36}.*"));
		assertThat(driver.findElement(By.id("subject")).getText()).isEqualTo("Livreurs " + token);
		assertThat(driver.findElement(By.id("note-text")).getText()).contains("Coopérative des livreurs à vélo");
		assertThat(driver.findElement(By.id("deadline-reason")).getText()).contains("French deadline");
		browser.screenshot("application-page");

		String download = driver.findElement(By.cssSelector("a.note-download")).getAttribute("href");
		HttpResponse<byte[]> note = get(download);
		assertThat(note.statusCode()).isEqualTo(200);
		assertThat(sha256(note.body())).isEqualTo(sha256(frenchNote));
		assertThat(note.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(note.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment")
			.contains("note descriptive.pdf");
		assertThat(note.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		driver.findElement(By.id("previous")).click();
		assertThat(driver.findElement(By.id("subject")).getText()).isEqualTo("Sans note " + token);
		driver.findElement(By.id("next")).click();
		driver.findElement(By.id("next")).click();
		assertThat(driver.findElement(By.id("subject")).getText()).isEqualTo("Crowdworkers " + token);
		assertThat(driver.findElements(By.id("next"))).isEmpty();

		driver.get(url("/applications?q=" + token + "&sort=subject"));
		String csvUrl = driver.findElement(By.id("export-csv")).getAttribute("href");
		HttpResponse<byte[]> csv = get(csvUrl);
		String text = new String(csv.body(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF\"number\",\"applicant\"");
		assertThat(text.lines().skip(1).toList()).hasSize(3)
			.satisfiesExactly(line -> assertThat(line).contains("Crowdworkers " + token, "Liam Byrne"),
					line -> assertThat(line).contains("Livreurs " + token, "Élodie Martin", "\"fr\""),
					line -> assertThat(line).contains("Sans note " + token, "NO_NOTE"));
		assertThat(noScriptErrors()).isEmpty();
	}

	@Test
	void aMemberPreviewsTheNotePdfServedByGuichetWithItsSecurityHeaders() throws Exception {
		String token = token();
		byte[] pdf = note("note-en-1page.pdf");
		send(TestMail.application()
			.from("Preview Reader <" + applicant("preview") + ">")
			.subject("Preview " + token)
			.attach("note.pdf", "application/pdf", pdf)
			.attach("annex.txt", "text/plain", "Annex: budget".getBytes(StandardCharsets.UTF_8)));
		awaitFiled(token, 1);
		ChromeDriver driver = browser.driver();
		signIn("member", "member");
		driver.get(url("/applications?q=" + token));
		rows().get(0).findElement(By.cssSelector("a.open")).click();
		WebElement preview = shown(driver, "files").findElement(By.cssSelector("a.preview"));
		String href = preview.getAttribute("href");
		assertThat(URI.create(href).getAuthority()).isEqualTo("localhost:" + port);
		assertThat(preview.getAttribute("target")).isEqualTo("_blank");
		assertThat(preview.getAttribute("rel")).contains("noopener");
		String annex = driver.findElements(By.cssSelector("#files li"))
			.stream()
			.filter(file -> file.getText().contains("annex.txt"))
			.findFirst()
			.orElseThrow()
			.findElement(By.cssSelector("a.download"))
			.getAttribute("href");

		driver.get(href);

		// Chromium's own viewer holds the document: a PDF, not a page of Guichet's nor a
		// download
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "application/pdf".equals(driver.executeScript("return document.contentType")));
		assertThat(driver.getCurrentUrl()).isEqualTo(href);
		// the viewer draws the page after the document has loaded: an empty viewer is a
		// plain grey picture of about 6 KB, the drawn note over 100 KB
		await().atMost(Duration.ofSeconds(30))
			.until(() -> driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES).length > 30_000);
		browser.screenshot("note-preview");
		HttpResponse<byte[]> served = get(href);
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(sha256(served.body())).isEqualTo(sha256(pdf));
		assertThat(served.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline")
			.contains("note.pdf");
		assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(served.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(served.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("default-src 'none'", "frame-ancestors 'none'")
			.doesNotContain("script-src");
		assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
		assertThat(noScriptErrors()).isEmpty();
		// only a PDF is ever shown inline: asked to preview another file, Guichet has it
		// downloaded
		assertThat(get(annex + "?preview=1").headers().firstValue("Content-Disposition").orElseThrow())
			.startsWith("attachment");
	}

	@Test
	void theLanguageSwitchKeepsTheListsFiltersSearchAndOrder() {
		String token = token();
		ChromeDriver driver = browser.driver();
		signIn("member", "member");
		String filtered = "/applications?language=fr&deadline=LATE&flag=NO_NOTE&q=" + token + "&sort=subject&dir=desc";
		driver.get(url(filtered));
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");

		driver.findElement(By.cssSelector("a.lang")).click();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> "fr".equals(driver.findElement(By.tagName("html")).getAttribute("lang")));
		assertThat(driver.getCurrentUrl()).contains("language=fr", "deadline=LATE", "flag=NO_NOTE", "q=" + token,
				"sort=subject", "dir=desc", "lang=fr");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Candidatures");
		assertThat(driver.findElement(By.id("search")).getAttribute("value")).isEqualTo(token);
		assertThat(new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-language")))
			.getFirstSelectedOption()
			.getAttribute("value")).isEqualTo("fr");
		assertThat(new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-deadline")))
			.getFirstSelectedOption()
			.getAttribute("value")).isEqualTo("LATE");
		assertThat(driver.findElement(By.id("flag-NO_NOTE")).isSelected()).isTrue();
		browser.screenshot("language-switch-fr");

		driver.findElement(By.cssSelector("a.lang")).click();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> "en".equals(driver.findElement(By.tagName("html")).getAttribute("lang")));
		assertThat(driver.getCurrentUrl())
			.contains("language=fr", "deadline=LATE", "flag=NO_NOTE", "q=" + token, "sort=subject", "dir=desc",
					"lang=en")
			.doesNotContain("lang=fr&");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Applications");
		assertThat(noScriptErrors()).isEmpty();
	}

	@Test
	void aMemberIsRefusedOnAdminPagesAndSignsOut() {
		ChromeDriver driver = browser.driver();
		driver.get(url("/applications"));
		assertThat(driver.getCurrentUrl()).endsWith("/login");
		browser.screenshot("sign-in");
		signIn("member", "member");

		driver.get(url("/admin"));

		assertThat(driver.findElement(By.id("forbidden")).getText()).isEqualTo("Not allowed");
		browser.screenshot("admin-refused");
		driver.findElement(By.id("sign-out")).click();
		// the click starts a navigation: wait for the page it leads to
		await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.id("signed-out")).isEmpty());
		assertThat(driver.findElement(By.id("signed-out")).isDisplayed()).isTrue();
		driver.get(url("/applications"));
		assertThat(driver.getCurrentUrl()).endsWith("/login");
	}

	@Test
	void anAdminRetriesAQuarantinedMessage() {
		String token = token();
		String address = applicant("quarantined");
		byte[] raw = TestMail.application().from("Quentin <" + address + ">").subject("Retried " + token).bytes();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into message (id, mailbox, location, raw, raw_sha256, size, sender, subject, received_at,
				                     received_at_source, state, reason, attempts, last_error)
				values (:id, 'alice', :location, :raw, :sha, :size, :sender, :subject, :at, 'FETCH_TIME', 'QUARANTINED',
				        'failed 3 times', 3, 'simulated failure')
				""")
			.param("id", id)
			.param("location", "test:" + id)
			.param("raw", raw)
			.param("sha", sha256(raw))
			.param("size", raw.length)
			.param("sender", address)
			.param("subject", "Retried " + token)
			.param("at", Timestamp.from(Instant.now()))
			.update();
		ChromeDriver driver = browser.driver();
		signIn("admin", "admin");

		driver.get(url("/admin"));
		browser.screenshot("admin");
		driver.findElement(By.cssSelector("a[href$='/admin/messages/" + id + "/retry']")).click();
		assertThat(shown(driver, "question").getText()).contains("stored bytes");
		browser.screenshot("admin-confirm");
		driver.findElement(By.id("confirm")).click();

		assertThat(shown(driver, "done").getText()).contains("NEW_SUBMISSION");
		assertThat(jdbc.sql("select state from message where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("FILED");
		assertThat(driver.findElements(By.cssSelector("a[href$='/admin/messages/" + id + "/retry']"))).isEmpty();
	}

	@Test
	void hostileNamesAndSubjectsShowAsTextAndRunNothing() throws Exception {
		String token = token();
		send(TestMail.application()
			.from("\"<script>alert('name')</script>\" <" + applicant("hostile") + ">")
			.subject("<img src=x onerror=alert('subject')> \u202Efdp.exe " + token)
			.attach("\"><svg onload=alert('file')>.pdf", "application/pdf", note("note-en-1page.pdf"))
			.attach("javascript:alert(1)", "text/plain",
					"<script>alert('text')</script>".getBytes(StandardCharsets.UTF_8)));
		awaitFiled(token, 1);
		ChromeDriver driver = browser.driver();
		signIn("member", "member");

		driver.get(url("/applications?q=" + token));
		assertThat(rows()).singleElement()
			.satisfies(row -> assertThat(row.getText())
				.contains("<script>alert('name')</script>", "<img src=x onerror=alert('subject')> fdp.exe")
				.doesNotContain("\u202E")); // the intake drops direction overrides
											// (untrusted.MessageValue)
		browser.screenshot("hostile-list");
		rows().get(0).findElement(By.cssSelector("a.open")).click();
		browser.screenshot("hostile-application");

		assertThat(driver.findElement(By.id("applicant")).getText()).contains("<script>alert('name')</script>");
		assertThat(driver.findElement(By.id("files")).getText()).contains("\"><svg onload=alert('file')>.pdf",
				"javascript:alert(1)");
		assertThat(driver.findElements(By.cssSelector("main script, main img, main svg"))).isEmpty();
		assertThat(driver.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
		assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		assertThat(noScriptErrors()).isEmpty();
	}

	@Test
	void theDigestOpensInTheBrowserAndItsLinksLeadToTheApplications() throws Exception {
		String token = token();
		send(TestMail.application()
			.from("Digest Reader <" + applicant("digest") + ">")
			.subject("Digest " + token)
			.attach("note.pdf", "application/pdf", note("note-en-1page.pdf")));
		awaitFiled(token, 1);
		UUID application = jdbc.sql("select id from application where subject = :s")
			.param("s", "Digest " + token)
			.query(UUID.class)
			.single();
		digests.closeNow();
		byte[] mime = jdbc.sql("select mime from outbox where kind = 'DIGEST' order by created_at desc limit 1")
			.query(byte[].class)
			.single();
		String html = text(new jakarta.mail.internet.MimeMessage(null, new java.io.ByteArrayInputStream(mime)),
				"text/html");
		java.nio.file.Path file = java.nio.file.Path.of("target", "screenshots", "digest.html").toAbsolutePath();
		java.nio.file.Files.createDirectories(file.getParent());
		java.nio.file.Files.writeString(file, html);
		ChromeDriver driver = browser.driver();

		driver.get(file.toUri().toString());
		browser.screenshot("digest");
		String href = driver.findElement(By.cssSelector("a[href$='/applications/" + application + "']"))
			.getAttribute("href");
		signIn("member", "member");
		// the digest links to guichet.public-url, by default
		// http://localhost:{server.port}:
		// this test's Guichet has a random port, the link's path is what is followed
		assertThat(href)
			.isEqualTo("http://localhost:" + environment.getProperty("server.port") + "/applications/" + application);
		driver.get(url(URI.create(href).getPath()));

		assertThat(driver.findElement(By.id("subject")).getText()).isEqualTo("Digest " + token);
		assertThat(noScriptErrors()).isEmpty();
	}

	private void signIn(String username, String password) {
		ChromeDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("sign-in")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> !driver.getCurrentUrl().contains("/login"));
	}

	private void search(String words) {
		ChromeDriver driver = browser.driver();
		WebElement box = driver.findElement(By.id("search"));
		box.clear();
		box.sendKeys(words);
		box.sendKeys(Keys.ENTER);
		await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("q="));
	}

	private List<WebElement> rows() {
		return browser.driver().findElements(By.cssSelector("#applications tbody tr"));
	}

	/**
	 * The browser's console: a script that ran, or one the Content-Security-Policy
	 * refused, would show here.
	 */
	private List<String> noScriptErrors() {
		return browser.consoleLog()
			.stream()
			.map(LogEntry::getMessage)
			.filter(message -> message.contains("alert") || message.contains("Refused") || message.contains("SEVERE"))
			.toList();
	}

	/** A GET with the browser's session, as a click on a download link sends it. */
	private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
		String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", "JSESSIONID=" + session).build(),
					HttpResponse.BodyHandlers.ofByteArray());
	}

	private void awaitFiled(String token, int count) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql("select count(*) from application where version > 0 and subject like :like")
				.param("like", "%" + token + "%")
				.query(Integer.class)
				.single() == count);
	}

	private static void send(TestMail mail) throws Exception {
		MailTestSupport.send(mail.build());
	}

	/**
	 * A display name as mail programs write it (RFC 2047), so that its accents survive
	 * the headers.
	 */
	private static String encoded(String name) throws java.io.UnsupportedEncodingException {
		return jakarta.mail.internet.MimeUtility.encodeWord(name, "UTF-8", "Q");
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private static String token() {
		return "desk" + UUID.randomUUID().toString().substring(0, 8);
	}

	static byte[] note(String name) throws IOException {
		try (var in = ApplicationPagesBrowserTests.class.getResourceAsStream("/notes/" + name)) {
			return in.readAllBytes();
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The element of the page a click leads to: a click returns before the next page has
	 * loaded.
	 */
	private static org.openqa.selenium.WebElement shown(ChromeDriver driver, String id) {
		return new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id(id)));
	}

}
