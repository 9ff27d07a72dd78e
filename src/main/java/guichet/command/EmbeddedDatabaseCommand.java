package guichet.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import guichet.backup.BackupException;
import guichet.config.EmbeddedProperties;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What {@code backup FILE} and {@code restore FILE} share: they work on the embedded
 * PostgreSQL only (an external one has its own tools: pg_dump, pg_basebackup, the host's
 * snapshots), take one backup file and the data folder
 * ({@code guichet.embedded.data-dir}), and say a failed backup or server start in one
 * message. Each command declares {@code @EnableConfigurationProperties} itself: Spring
 * reads it on the class it is given, not on a superclass.
 */
abstract class EmbeddedDatabaseCommand implements Command {

	private final String name;

	private final EmbeddedProperties embedded;

	private final Environment environment;

	EmbeddedDatabaseCommand(String name, EmbeddedProperties embedded, Environment environment) {
		this.name = name;
		this.embedded = embedded;
		this.environment = environment;
	}

	/**
	 * The command's arguments, resolved: the backup {@code file}, the {@code data} folder
	 * and the PostgreSQL {@code folder} in it, as absolute paths.
	 */
	record Target(Path file, Path data, Path folder, EmbeddedProperties embedded) {
	}

	@Override
	public final int run(List<String> operands, Set<String> flags) throws IOException {
		String url = this.environment.getProperty("spring.datasource.url", "");
		if (!url.isBlank()) {
			throw new CommandException(this.name + " works on the embedded PostgreSQL, and spring.datasource.url "
					+ "points Guichet at another one: use that server's own tools (pg_dump, pg_restore; "
					+ "docs/OPERATIONS.md)");
		}
		Path data = this.embedded.dataDir().toAbsolutePath().normalize();
		Target target = new Target(Path.of(operands.get(0)).toAbsolutePath().normalize(), data,
				data.resolve("postgres"), this.embedded);
		try {
			return run(target);
		}
		catch (BackupException | IllegalStateException ex) {
			throw new CommandException(ex.getMessage(), ex);
		}
	}

	abstract int run(Target target) throws IOException;

	/**
	 * The embedded server's superuser on loopback, as zonky sets it up (trust
	 * authentication, local only).
	 */
	static String url(int port) {
		return "jdbc:postgresql://localhost:%d/postgres?user=postgres".formatted(port);
	}

	static DataSource dataSource(String url) {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url);
	}

}
