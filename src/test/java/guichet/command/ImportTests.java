package guichet.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import guichet.Guichet;
import guichet.support.Committee;
import guichet.support.Mbox;
import guichet.support.TestDatabase;
import guichet.support.TestMail;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar guichet.jar import PATH…} through {@link Commands}: an mbox of 50
 * applications, each received by the four committee members, becomes 50 applications of
 * four copies, dated by their Received: header; a second import adds nothing; a truncated
 * message is reported with its position and the rest imported.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImportTests {

	@TempDir
	Path folder;

	CapturedOutput output;

	@BeforeEach
	void capture(CapturedOutput output) {
		this.output = output;
	}

	@Test
	void anMboxOfFiftyApplicationsTimesFourCopiesFilesFiftyApplicationsOnceAndReportsATruncatedOne() throws Exception {
		Path mbox = folder.resolve("committee-archive.mbox");
		Instant first = Instant.parse("2019-12-02T09:00:00Z");
		try (var out = Files.newOutputStream(mbox)) {
			for (int i = 0; i < 50; i++) {
				byte[] application = TestMail.application()
					.from("applicant" + i + "@example.org")
					.subject("Candidature " + i)
					.messageId("<application-" + i + "@example.org>")
					.body("From the start, our cooperative of riders in Lyon has worked for fair pay.\n\n" + i)
					.bytes();
				for (String member : Committee.MEMBERS) {
					Instant received = first.plusSeconds(3600L * i + Committee.MEMBERS.indexOf(member));
					out.write(Mbox.entry(application, received, member));
				}
			}
			// the archive was cut off in the middle of a last message's headers
			out.write(("From applicant99@example.org Mon Dec 16 10:00:00 2019\nReceived: from mx by mail; "
					+ "Mon, 16 Dec 2019 10:00:00 +0000\nFrom: applicant99@example.org\nSubj")
				.getBytes(StandardCharsets.US_ASCII));
		}
		String database = TestDatabase.newDatabaseUrl();

		String firstRun = run(database, mbox);

		assertThat(firstRun).contains("Importing 200 message(s)")
			.containsPattern("filed\\s+50 ")
			.containsPattern("merged\\s+150 ")
			.contains("Not imported (1):")
			.contains("committee-archive.mbox, message 201 at byte ")
			.contains("truncated")
			.contains("No applicant was acknowledged");
		JdbcClient jdbc = JdbcClient.create(dataSource(database));
		assertThat(jdbc.sql("select count(*) from application").query(Integer.class).single()).isEqualTo(50);
		assertThat(jdbc.sql("select distinct copies from submission").query(Integer.class).list()).containsExactly(4);
		assertThat(jdbc.sql("select distinct mailbox from message").query(String.class).list())
			.containsExactly("import:committee-archive.mbox");
		// the earliest copy's Received: stamp, never Date: (which TestMail sets to now)
		assertThat(jdbc
			.sql("select received_at from submission s join application a on a.id = s.application_id "
					+ "where a.applicant_email = 'applicant7@example.org'")
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isEqualTo(first.plusSeconds(3600L * 7));
		assertThat(jdbc.sql("select distinct received_at_source from submission").query(String.class).list())
			.containsExactly("ARCHIVE_RECEIVED_HEADER");
		assertThat(jdbc.sql("select count(*) from outbox").query(Integer.class).single()).isZero();

		String secondRun = run(database, mbox);

		assertThat(secondRun).containsPattern("filed\\s+0 ").containsPattern("already imported\\s+200 ");
		assertThat(jdbc.sql("select count(*) from application").query(Integer.class).single()).isEqualTo(50);
		assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single()).isEqualTo(200);
	}

	@Test
	void aMessageWithoutReceivedHeaderIsQuarantinedAndAMaildirIsRead() throws Exception {
		Path maildir = folder.resolve("alice");
		Files.createDirectories(maildir.resolve("cur"));
		Files.createDirectories(maildir.resolve("new"));
		Files.write(maildir.resolve("cur/1.eml"),
				Mbox.received(TestMail.application().from("ana@example.org").subject("Application A").bytes(),
						Instant.parse("2019-12-10T10:00:00Z"), Committee.SHARED));
		Files.write(maildir.resolve("new/2.eml"),
				TestMail.application().from("bo@example.org").subject("Application B").bytes());
		String database = TestDatabase.newDatabaseUrl();

		// with the running Guichet's ports, as an admin passes its settings along
		String output = run(database, maildir, "--acknowledge", "--guichet.embedded.smtp-port=14025",
				"--guichet.embedded.imap-port=14143");

		assertThat(output).containsPattern("filed\\s+1 ")
			.containsPattern("quarantined\\s+1 ")
			.contains("QUARANTINED: NO_RECEIVED_HEADER")
			.contains("New applicants will be acknowledged")
			// no server runs: the block that describes a running Guichet is not printed
			.doesNotContain("=== Guichet is running ===");
		JdbcClient jdbc = JdbcClient.create(dataSource(database));
		assertThat(jdbc.sql("select count(*) from outbox where kind = 'ACKNOWLEDGEMENT'").query(Integer.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("select distinct mailbox from message").query(String.class).list())
			.containsExactly("import:alice");
	}

	private String run(String database, Path path, String... more) {
		List<String> args = new ArrayList<>(List.of("import", path.toString(), "--spring.datasource.url=" + database,
				"--guichet.embedded.data-dir=target/test-pg/import-unused"));
		// the tests' own committee, to whom TestMail writes
		for (int i = 0; i < Committee.MEMBERS.size(); i++) {
			args.add("--guichet.committee[" + i + "]=" + Committee.MEMBERS.get(i));
		}
		args.addAll(List.of(more));
		var errors = new ByteArrayOutputStream();
		int before = this.output.getOut().length();
		int status = Commands.run(args.toArray(String[]::new), new PrintStream(errors, true, StandardCharsets.UTF_8),
				Guichet.class);
		String printed = this.output.getOut().substring(before);
		assertThat(status).as(printed + errors.toString(StandardCharsets.UTF_8)).isZero();
		return printed;
	}

	private static DataSource dataSource(String url) {
		return new DriverManagerDataSource(url);
	}

}
