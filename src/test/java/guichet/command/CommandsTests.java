package guichet.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import guichet.backup.Backups;
import guichet.postgres.EmbeddedServer;
import guichet.support.TestDatabase;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar guichet.jar COMMAND …}: one clear message and a non-zero status for
 * anything wrong.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandsTests {

	@TempDir
	Path folder;

	final ByteArrayOutputStream errors = new ByteArrayOutputStream();

	@Test
	void anUnknownCommandListsTheCommands() {
		int status = run("bakup", "x.zip");

		assertThat(status).isEqualTo(Commands.USAGE);
		assertThat(errors()).startsWith("Unknown command \"bakup\".").contains("  backup   FILE ", "  restore  FILE ");
	}

	@Test
	void aCommandWithoutItsArgumentShowsItsUsage() {
		int status = run("backup", "--guichet.embedded.data-dir=" + this.folder);

		assertThat(status).isEqualTo(Commands.USAGE);
		assertThat(errors()).startsWith("backup takes one argument (FILE), not none.\n"
				+ "Usage: java -jar guichet.jar backup FILE [--setting=value…]");
	}

	@Test
	void aCommandWithTooManyArgumentsShowsItsUsage() {
		int status = run("restore", "a.zip", "b.zip");

		assertThat(status).isEqualTo(Commands.USAGE);
		assertThat(errors()).startsWith("restore takes one argument (FILE), not a.zip b.zip.");
	}

	@Test
	void helpListsTheCommands() {
		int status = run("help");

		assertThat(status).isEqualTo(Commands.DONE);
		assertThat(errors()).contains("  backup   FILE ", "  restore  FILE ", "  import   PATH… ", "--acknowledge");
	}

	@Test
	void anImportWithoutPathsShowsItsUsageAndTakesItsFlagForNoPath() {
		int status = run("import", "--acknowledge");

		assertThat(status).isEqualTo(Commands.USAGE);
		assertThat(errors()).startsWith("import takes at least one argument (PATH…), not none.\n"
				+ "Usage: java -jar guichet.jar import PATH… [--acknowledge] [--setting=value…]");
	}

	@Test
	void anImportReportsAPathThatDoesNotExistAndStillRuns(CapturedOutput output) {
		Path missing = this.folder.resolve("nowhere.mbox");

		int status = run("import", missing.toString(), "--spring.datasource.url=" + TestDatabase.newDatabaseUrl(),
				"--guichet.embedded.data-dir=" + this.folder.resolve("unused"));

		assertThat(status).isEqualTo(Commands.DONE);
		assertThat(output.getOut()).contains("Importing 0 message(s)", "Not imported (1):",
				missing + ": no such file or folder", "No applicant was acknowledged");
	}

	@Test
	void backupLeavesAnExternalDatabaseToItsOwnTools() {
		int status = run("backup", this.folder.resolve("x.zip").toString(),
				"--spring.datasource.url=jdbc:postgresql://db.example.org/guichet");

		assertThat(status).isEqualTo(Commands.FAILED);
		assertThat(errors()).startsWith("backup: backup works on the embedded PostgreSQL, and spring.datasource.url")
			.contains("pg_dump");
	}

	@Test
	void backupSaysWhenThereIsNoDatabase() {
		int status = run("backup", this.folder.resolve("x.zip").toString(),
				"--guichet.embedded.data-dir=" + this.folder.resolve("nothing"));

		assertThat(status).isEqualTo(Commands.FAILED);
		assertThat(errors()).startsWith("backup: There is no embedded database in " + this.folder.resolve("nothing"));
		assertThat(this.folder.resolve("x.zip")).doesNotExist();
	}

	@Test
	void aBadSettingStopsACommandNamingIt(CapturedOutput output) {
		int status = run("backup", "x.zip", "--guichet.embedded.backup.cron=every night");

		assertThat(status).isEqualTo(Commands.FAILED);
		assertThat(output).contains("Invalid setting guichet.embedded.backup.cron = \"every night\": must be a cron");
	}

	@Test
	void restoreNeverWritesOverADatabase() throws Exception {
		Path backup = this.folder.resolve("backup.zip");
		Backups.write(TestDatabase.newMigratedDataSource(), backup);
		Path data = this.folder.resolve("data");
		Files.createDirectories(data.resolve("postgres"));
		Files.writeString(data.resolve("postgres").resolve("PG_VERSION"), "14\n");

		int status = run("restore", backup.toString(), "--guichet.embedded.data-dir=" + data);

		assertThat(status).isEqualTo(Commands.FAILED);
		assertThat(errors()).startsWith("restore: restore fills an empty data folder, and " + data.resolve("postgres")
				+ " already holds a database");
		assertThat(Files.readString(data.resolve("postgres").resolve("PG_VERSION"))).isEqualTo("14\n");
	}

	@Test
	void restoreOfAMissingFileSaysSo() {
		int status = run("restore", this.folder.resolve("missing.zip").toString());

		assertThat(status).isEqualTo(Commands.FAILED);
		assertThat(errors()).startsWith("restore: " + this.folder.resolve("missing.zip") + " does not exist");
	}

	@Test
	void backsUpAStoppedDatabaseAndRestoresItIntoAnotherFolder() {
		Path original = this.folder.resolve("original");
		Path copy = this.folder.resolve("copy");
		Path backup = this.folder.resolve("backups").resolve("one.zip");
		Map<String, String> before;
		try (var server = EmbeddedServer.start(original, false)) {
			var dataSource = new DriverManagerDataSource(server.jdbcUrl());
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			JdbcClient.create(dataSource)
				.sql("insert into mailbox_state (mailbox, uid_validity, watermark) values ('alice', 1, 9)")
				.update();
			before = guichet.backup.BackupsTests.fingerprints(dataSource);
		}

		int backedUp = run("backup", backup.toString(), "--guichet.embedded.data-dir=" + original,
				"--guichet.embedded.durable=false");
		int restored = run("restore", backup.toString(), "--guichet.embedded.data-dir=" + copy,
				"--guichet.embedded.durable=false");

		assertThat(errors()).isEmpty();
		assertThat(backedUp).isEqualTo(Commands.DONE);
		assertThat(restored).isEqualTo(Commands.DONE);
		try (var server = EmbeddedServer.start(copy, false)) {
			assertThat(guichet.backup.BackupsTests.fingerprints(new DriverManagerDataSource(server.jdbcUrl())))
				.isEqualTo(before);
		}
	}

	private int run(String... args) {
		return Commands.run(args, new PrintStream(this.errors, true, StandardCharsets.UTF_8), guichet.Guichet.class);
	}

	private String errors() {
		return this.errors.toString(StandardCharsets.UTF_8);
	}

}
