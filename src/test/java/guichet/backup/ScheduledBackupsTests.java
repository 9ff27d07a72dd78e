package guichet.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import guichet.config.EmbeddedProperties;
import guichet.deadline.CallProperties;
import guichet.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * guichet.embedded.backup.*: each run writes a backup named by its time, and only the
 * last {@code keep} stay.
 */
class ScheduledBackupsTests {

	@TempDir
	Path folder;

	@Test
	void keepsTheLastBackupsAndNothingElseIsTouched() throws Exception {
		Path directory = this.folder.resolve("backups");
		Files.createDirectories(directory);
		Path operatorsOwn = Files.writeString(directory.resolve("before-upgrade.zip"), "the operator's own copy");
		var settings = new EmbeddedProperties.Backup("0 30 3 * * *", 2, directory);
		var call = new CallProperties(ZoneId.of("Europe/Paris"), null, 1);
		var database = TestDatabase.newMigratedDataSource();

		for (String night : new String[] { "2026-12-01T02:30:00Z", "2026-12-02T02:30:00Z", "2026-12-03T02:30:00Z" }) {
			new ScheduledBackups(database, settings, call, Clock.fixed(Instant.parse(night), ZoneOffset.UTC)).backUp();
		}

		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map(path -> path.getFileName().toString()).sorted()).containsExactly("before-upgrade.zip",
					"guichet-backup-20261202T023000Z.zip", "guichet-backup-20261203T023000Z.zip");
		}
		assertThat(Files.readString(operatorsOwn)).isEqualTo("the operator's own copy");
		assertThat(Backups.read(directory.resolve("guichet-backup-20261203T023000Z.zip")).rows())
			.containsKeys("application", "message");
	}

}
