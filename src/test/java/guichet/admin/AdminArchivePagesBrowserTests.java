package guichet.admin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import guichet.support.Browser;
import guichet.support.MailTestSupport;
import guichet.support.Mbox;
import guichet.support.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An admin at the archive pages of issue #20 in a real browser (Debian's Chromium,
 * headless): imports an mbox by upload and reads the summary, finds the applications in
 * the list, uploads the same file again and sees nothing added; checks that nothing in a
 * mailbox was missed, then sees what a member deleted.
 */
class AdminArchivePagesBrowserTests extends MailTestSupport {

	@RegisterExtension
	static Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path folder;

	@AfterEach
	void signOut() {
		ChromeDriver driver = browser.driver();
		driver.get(url("/admin"));
		if (!driver.findElements(By.id("sign-out")).isEmpty()) {
			driver.findElement(By.id("sign-out")).click();
		}
	}

	@Test
	void anAdminImportsAnMboxByUploadAndTheSameFileAgainAddsNothing() throws Exception {
		String token = "import" + UUID.randomUUID().toString().substring(0, 8);
		List<String> applicants = List.of(applicant("ana"), applicant("bo"), applicant("cleo"));
		Path mbox = this.folder.resolve("archive-" + token + ".mbox");
		Instant first = Instant.parse("2019-12-02T09:00:00Z");
		var archive = new ByteArrayOutputStream();
		for (int i = 0; i < applicants.size(); i++) {
			byte[] application = TestMail.application()
				.from(applicants.get(i))
				.subject("Imported " + i + " " + token)
				.messageId("<" + token + "-" + i + "@example.org>")
				.body("From the start, our cooperative of riders in Lyon has worked for fair pay. " + i)
				.bytes();
			// the same application, as alice and bruno each received it
			archive.write(Mbox.entry(application, first.plusSeconds(3600L * i), COMMITTEE.get(0)));
			archive.write(Mbox.entry(application, first.plusSeconds(3600L * i + 5), COMMITTEE.get(1)));
		}
		// the export was cut off in the middle of a last message's headers
		archive.write(
				"From x@example.org Mon Dec 16 10:00:00 2019\nReceived: from mx; Mon, 16 Dec 2019 10:00:00 +0000\nSubj"
					.getBytes(StandardCharsets.US_ASCII));
		Files.write(mbox, archive.toByteArray());
		ChromeDriver driver = browser.driver();
		signIn("admin", "admin");

		driver.get(url("/admin"));
		driver.findElement(By.id("import")).click();
		upload(mbox);
		WebElement sources = shown("sources");
		assertThat(sources.getText()).contains("archive-" + token + ".mbox", "import:archive-" + token + ".mbox")
			.contains("message 7 at byte", "truncated");
		assertThat(shown("question").getText()).contains("6 message(s)");
		browser.screenshot("admin-import-confirm");
		driver.findElement(By.id("confirm")).click();

		shown("summary");
		browser.screenshot("admin-import-summary");
		assertThat(driver.findElement(By.id("filed")).getText()).isEqualTo("3");
		assertThat(driver.findElement(By.id("merged")).getText()).isEqualTo("3");
		assertThat(driver.findElement(By.id("already-imported")).getText()).isEqualTo("0");
		assertThat(driver.findElement(By.id("problems")).getText())
			.startsWith("archive-" + token + ".mbox, message 7 at byte ")
			.contains("truncated");
		assertThat(driver.findElement(By.id("acknowledged")).getText()).isEqualTo("No applicant was acknowledged.");
		assertThat(applications(token)).isEqualTo(3);
		assertThat(acknowledgements(applicants)).isZero();
		assertThat(this.jdbc
			.sql("select distinct copies from submission s join application a on a.id = "
					+ "s.application_id where a.subject like :like")
			.param("like", "%" + token)
			.query(Integer.class)
			.list()).containsExactly(2);

		driver.get(url("/applications?q=" + token));
		assertThat(driver.findElements(By.cssSelector("#applications tbody tr"))).hasSize(3)
			.allSatisfy(row -> assertThat(row.getText()).contains("Imported", token));
		browser.screenshot("admin-import-applications");

		driver.get(url("/admin/import"));
		upload(mbox);
		shown("confirm").click();

		shown("summary");
		assertThat(driver.findElement(By.id("filed")).getText()).isEqualTo("0");
		assertThat(driver.findElement(By.id("merged")).getText()).isEqualTo("0");
		assertThat(driver.findElement(By.id("already-imported")).getText()).isEqualTo("6");
		browser.screenshot("admin-import-again");
		assertThat(applications(token)).isEqualTo(3);
		assertThat(this.jdbc.sql("select count(*) from message where mailbox = :mailbox")
			.param("mailbox", "import:archive-" + token + ".mbox")
			.query(Integer.class)
			.single()).isEqualTo(6);
	}

	@Test
	void anAdminSeesThatNothingWasMissedInAMailboxThenWhatAMemberDeleted() throws Exception {
		String token = "reconcile" + UUID.randomUUID().toString().substring(0, 8);
		String messageId = token + "@applicants.example";
		MailTestSupport.send(TestMail.application()
			.from(applicant("reconciled"))
			.to(COMMITTEE.get(0))
			.subject("Reconciled " + token)
			.messageId("<" + messageId + ">")
			.build());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("select count(*) from message where message_id = :id and state = 'FILED'")
				.param("id", messageId)
				.query(Integer.class)
				.single() == 1);
		String mailbox = this.jdbc.sql("select mailbox from message where message_id = :id")
			.param("id", messageId)
			.query(String.class)
			.single();
		ChromeDriver driver = browser.driver();
		signIn("admin", "admin");

		driver.get(url("/admin"));
		driver
			.findElement(
					By.xpath("//table[@id='mailboxes']//tr[td[1][text()='" + mailbox + "']]//a[@class='reconcile']"))
			.click();

		// the other tests' mail may be arriving meanwhile: "Nothing missed so far" then
		assertThat(shown("verdict").getText()).startsWith("Nothing missed");
		assertThat(driver.findElement(By.id("holds")).getText()).contains("Guichet recorded");
		assertThat(driver.findElement(By.id("uid-validity")).getText()).contains("unchanged");
		browser.screenshot("admin-reconciliation");

		deleteAsAMember(COMMITTEE.get(0), messageId);
		driver.navigate().refresh();

		assertThat(shown("gone").getText()).contains(messageId, "FILED",
				"deleted or moved in the mailbox by someone else; Guichet still holds the message");
		assertThat(driver.findElement(By.id("verdict")).getText()).startsWith("Nothing missed");
		browser.screenshot("admin-reconciliation-deleted");
	}

	private void upload(Path file) {
		ChromeDriver driver = browser.driver();
		shown("archives").sendKeys(file.toAbsolutePath().toString());
		driver.findElement(By.id("upload")).click();
	}

	private int applications(String token) {
		return this.jdbc.sql("select count(*) from application where subject like :like")
			.param("like", "%" + token)
			.query(Integer.class)
			.single();
	}

	private int acknowledgements(List<String> applicants) {
		return this.jdbc
			.sql("select count(*) from outbox where kind = 'ACKNOWLEDGEMENT' and recipients && :applicants::text[]")
			.param("applicants", applicants.stream().map(String::toLowerCase).toArray(String[]::new))
			.query(Integer.class)
			.single();
	}

	/**
	 * A member deletes the message in their mail client: flagged deleted, then expunged.
	 */
	private static void deleteAsAMember(String member, String messageId) throws Exception {
		Properties properties = new Properties();
		Store store = Session.getInstance(properties).getStore("imap");
		store.connect("127.0.0.1", greenMail.getImap().getPort(), member, "secret");
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_WRITE);
			Message[] found = inbox.search(new HeaderTerm("Message-ID", messageId));
			assertThat(found).hasSize(1);
			found[0].setFlag(Flags.Flag.DELETED, true);
			inbox.close(true);
		}
		finally {
			store.close();
		}
	}

	private void signIn(String username, String password) {
		ChromeDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("sign-in")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> !driver.getCurrentUrl().contains("/login"));
	}

	/**
	 * The element of the page a click leads to: a click returns before the next page has
	 * loaded.
	 */
	private static WebElement shown(String id) {
		return new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
			.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
