package guichet.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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
class RestoreCommand extends EmbeddedDatabaseCommand {

	RestoreCommand(EmbeddedProperties embedded, Environment environment) {
		super("restore", embedded, environment);
	}

	@Override
	int run(Target target) throws IOException {
		if (!Files.isRegularFile(target.file())) {
			throw new CommandException(target.file() + " does not exist or is not a file");
		}
		Backups.Contents contents = Backups.read(target.file());
		if (!isEmpty(target.folder())) {
			throw new CommandException("restore fills an empty data folder, and " + target.folder()
					+ " already holds a database. Stop Guichet, move " + target.data()
					+ " away (or set guichet.embedded.data-dir to a new folder), and run restore again");
		}
		boolean restored = false;
		try (EmbeddedServer server = EmbeddedServer.start(target.data(), target.embedded().durable())) {
			Backups.restore(target.file(), dataSource(server.jdbcUrl()));
			restored = true;
		}
		catch (DataFolderInUseException ex) {
			throw new CommandException(ex.getMessage() + ": stop it before restoring", ex);
		}
		finally {
			if (!restored) {
				// what this command created, the server stopped: a second try starts from
				// an empty folder again
				FileSystemUtils.deleteRecursively(target.folder());
			}
		}
		System.out.printf("Restored %s into %s: %s%nStart Guichet with guichet.embedded.data-dir = %s%n", target.file(),
				target.folder(), contents, target.embedded().dataDir());
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
