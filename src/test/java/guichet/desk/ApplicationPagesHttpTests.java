package guichet.desk;

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

import org.junit.jupiter.api.Test;

import guichet.support.HostileDocuments;
import guichet.support.MailTestSupport;
import guichet.support.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committee's pages over HTTP, as a signed-in member gets them: what is stored as a
 * code ("ENCRYPTED: …", INTERNALDATE) said in the reader's language, and the spreadsheet
 * export with numbers and times a spreadsheet sorts.
 */
class ApplicationPagesHttpTests extends MailTestSupport {

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void aPasswordProtectedNoteIsExplainedInTheMembersLanguage() throws Exception {
		String token = "locked" + UUID.randomUUID().toString().substring(0, 8);
		MailTestSupport.send(TestMail.application()
			.from(applicant("ines"))
			.subject("Candidature " + token)
			.attach("note.pdf", "application/pdf", HostileDocuments.encryptedPdf())
			.build());
		UUID id = awaitFiled(jdbc, token, 1).get(0);

		HttpClient member = signedIn();
		String french = page(member, "/applications/" + id, "fr");
		String english = page(member, "/applications/" + id, "en");

		assertThat(french).contains("le document est protégé par un mot de passe").contains("title=\"ENCRYPTED:");
		assertThat(english).contains("the document is protected by a password");
		// nor any other internal code: where the reception time came from, in words
		assertThat(french).contains("heure de réception du serveur de courrier (IMAP)")
			.doesNotContain(">INTERNALDATE<");
		assertThat(english).contains("reception time (IMAP)").doesNotContain("page(s)");
	}

	@Test
	void theSpreadsheetHoldsNumbersAndTimesAsTheSpreadsheetsOwn() throws Exception {
		String token = "sheet" + UUID.randomUUID().toString().substring(0, 8);
		MailTestSupport.send(TestMail.application()
			.from(applicant("jana"))
			.subject("Candidature " + token)
			.attach("note.pdf", "application/pdf", HostileDocuments.textPdf(1))
			.build());
		awaitFiled(jdbc, token, 1);
		HttpClient member = signedIn();

		HttpResponse<byte[]> response = member
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/applications.xlsx?q=" + token))
				.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				new java.io.ByteArrayInputStream(response.body()))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("number");
			var row = sheet.getRow(1);
			assertThat(row.getCell(4).getStringCellValue()).isEqualTo("Candidature " + token);
			assertThat(row.getCell(0).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
			assertThat(row.getCell(8).getNumericCellValue()).isEqualTo(1.0);
			assertThat(row.getCell(10).getNumericCellValue()).isGreaterThanOrEqualTo(1.0);
			assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(row.getCell(5))).isTrue();
			assertThat(sheet.getLastRowNum()).isEqualTo(1);
		}
	}

	private HttpClient signedIn() throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page(client, "/login", "en"));
		assertThat(csrf.find()).isTrue();
		client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=member&password=member&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.discarding());
		return client;
	}

	private String page(HttpClient client, String path, String language) throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Accept-Language", language)
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
