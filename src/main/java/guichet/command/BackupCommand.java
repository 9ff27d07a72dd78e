package guichet.command;

import java.io.IOException;
import java.nio.file.Files;

import guichet.backup.Backups;
import guichet.config.EmbeddedProperties;
import guichet.postgres.DataFolderInUseException;
import guichet.postgres.EmbeddedServer;
import guichet.postgres.Postmaster;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;

/**
 * {@code backup FILE}: a consistent backup of the embedded database ({@link Backups}).
 * When a Guichet is running on the data folder, through its PostgreSQL while it goes on
 * working; otherwise through a PostgreSQL started here on the folder for the time of the
 * backup (after a crash, that start is also the recovery).
 */
@EnableConfigurationProperties(EmbeddedProperties.class)
class BackupCommand extends EmbeddedDatabaseCommand {

	BackupCommand(EmbeddedProperties embedded, Environment environment) {
		super("backup", embedded, environment);
	}

	@Override
	int run(Target target) {
		if (Files.exists(target.file())) {
			throw new CommandException(
					target.file() + " already exists; a backup never replaces a file: choose another name");
		}
		if (!Files.isRegularFile(target.folder().resolve("PG_VERSION"))) {
			throw new CommandException("There is no embedded database in " + target.folder()
					+ " (guichet.embedded.data-dir = " + target.embedded().dataDir() + ")");
		}
		Backups.Contents contents;
		String from;
		try (EmbeddedServer server = EmbeddedServer.start(target.data(), target.embedded().durable())) {
			contents = Backups.write(dataSource(server.jdbcUrl()), target.file());
			from = "the database in " + target.folder() + " (no Guichet was running on it)";
		}
		catch (DataFolderInUseException running) {
			Postmaster postmaster = Postmaster.of(target.folder())
				.filter(Postmaster::isRunning)
				.orElseThrow(() -> new CommandException(running.getMessage()
						+ ", and its PostgreSQL is not running yet: try again once it has started"));
			contents = Backups.write(dataSource(url(postmaster.port())), target.file());
			from = "the running Guichet's database (Guichet process %d, PostgreSQL process %d)"
				.formatted(running.owner(), postmaster.pid());
		}
		try {
			System.out.printf("Backup of %s written to %s (%d KB): %s%n", from, target.file(),
					Files.size(target.file()) / 1024, contents);
		}
		catch (IOException ex) {
			throw new CommandException("Could not read " + target.file() + ": " + ex.getMessage(), ex);
		}
		return Commands.DONE;
	}

}
