package guichet.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import guichet.backup.BackupException;
import guichet.backup.Backups;
import guichet.config.EmbeddedProperties;
import guichet.postgres.DataFolderInUseException;
import guichet.postgres.EmbeddedServer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;

/**
 * {@code restore FILE}: a backup into an empty data folder
 * ({@code guichet.embedded.data-dir}), never over a database: to go back to a backup, an
 * operator moves the current folder away first, so that nothing is lost by a wrong
 * command. A restore that fails leaves the folder as empty as it found it.
 */
@EnableConfigurationProperties(EmbeddedProperties.class)
class RestoreCommand implements Command {

	private final EmbeddedProperties embedded;

	private final Environment environment;

	RestoreCommand(EmbeddedProperties embedded, Environment environment) {
		this.embedded = embedded;
		this.environment = environment;
	}

	@Override
	public int run(List<String> operands) throws IOException {
		EmbeddedDatabase.refuseExternal(this.environment, "restore");
		Path file = Path.of(operands.get(0)).toAbsolutePath().normalize();
		if (!Files.isRegularFile(file)) {
			throw new CommandException(file + " does not exist or is not a file");
		}
		Backups.Contents contents;
		try {
			contents = Backups.read(file);
		}
		catch (BackupException ex) {
			throw new CommandException(ex.getMessage(), ex);
		}
		Path data = this.embedded.dataDir().toAbsolutePath().normalize();
		Path folder = data.resolve("postgres");
		if (!isEmpty(folder)) {
			throw new CommandException("restore fills an empty data folder, and " + folder
					+ " already holds a database." + " Stop Guichet, move " + data
					+ " away (or set guichet.embedded.data-dir to a new folder), and run" + " restore again");
		}
		boolean restored = false;
		try (EmbeddedServer server = EmbeddedServer.start(data, this.embedded.durable())) {
			Backups.restore(file, EmbeddedDatabase.dataSource(server.jdbcUrl()));
			restored = true;
		}
		catch (DataFolderInUseException ex) {
			throw new CommandException(ex.getMessage() + ": stop it before restoring", ex);
		}
		catch (BackupException | IllegalStateException ex) {
			throw new CommandException(ex.getMessage(), ex);
		}
		finally {
			if (!restored) {
				// what this command created, the server stopped: a second try starts from
				// an empty folder again
				FileSystemUtils.deleteRecursively(folder);
			}
		}
		System.out.printf("Restored %s into %s: %s%nStart Guichet with guichet.embedded.data-dir = %s%n", file, folder,
				contents, this.embedded.dataDir());
		return Commands.DONE;
	}

	private static boolean isEmpty(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return true;
		}
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.findAny().isEmpty();
		}
	}

}
