package guichet.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import guichet.backup.BackupException;
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
class BackupCommand implements Command {

	private final EmbeddedProperties embedded;

	private final Environment environment;

	BackupCommand(EmbeddedProperties embedded, Environment environment) {
		this.embedded = embedded;
		this.environment = environment;
	}

	@Override
	public int run(List<String> operands) {
		EmbeddedDatabase.refuseExternal(this.environment, "backup");
		Path file = Path.of(operands.get(0)).toAbsolutePath().normalize();
		if (Files.exists(file)) {
			throw new CommandException(file + " already exists; a backup never replaces a file: choose another name");
		}
		Path data = this.embedded.dataDir().toAbsolutePath().normalize();
		Path folder = data.resolve("postgres");
		if (!Files.isRegularFile(folder.resolve("PG_VERSION"))) {
			throw new CommandException("There is no embedded database in " + folder + " (guichet.embedded.data-dir = "
					+ this.embedded.dataDir() + ")");
		}
		try {
			Backups.Contents contents;
			String from;
			try (EmbeddedServer server = EmbeddedServer.start(data, this.embedded.durable())) {
				contents = Backups.write(EmbeddedDatabase.dataSource(server.jdbcUrl()), file);
				from = "the database in " + folder + " (no Guichet was running on it)";
			}
			catch (DataFolderInUseException running) {
				Postmaster postmaster = Postmaster.of(folder)
					.filter(Postmaster::isRunning)
					.orElseThrow(() -> new CommandException(running.getMessage()
							+ ", and its PostgreSQL is not running yet: try again once it has started"));
				contents = Backups.write(EmbeddedDatabase.dataSource(EmbeddedDatabase.url(postmaster.port())), file);
				from = "the running Guichet's database (Guichet process %d, PostgreSQL process %d)"
					.formatted(running.owner(), postmaster.pid());
			}
			System.out.printf("Backup of %s written to %s (%d KB): %s%n", from, file, Files.size(file) / 1024,
					contents);
			return Commands.DONE;
		}
		catch (BackupException ex) {
			throw new CommandException(ex.getMessage(), ex);
		}
		catch (java.io.IOException ex) {
			throw new CommandException("Could not read " + file + ": " + ex.getMessage(), ex);
		}
		catch (IllegalStateException ex) {
			throw new CommandException(ex.getMessage(), ex);
		}
	}

}
