package guichet.command;

import javax.sql.DataSource;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What the commands on the embedded database share: reaching it, and refusing an external
 * one.
 */
final class EmbeddedDatabase {

	private EmbeddedDatabase() {
	}

	/**
	 * An external PostgreSQL has its own tools (pg_dump, pg_basebackup, the host's
	 * snapshots).
	 */
	static void refuseExternal(Environment environment, String command) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.isBlank()) {
			throw new CommandException(command + " works on the embedded PostgreSQL, and spring.datasource.url points "
					+ "Guichet at another one: use that server's own tools (pg_dump, pg_restore; docs/OPERATIONS.md)");
		}
	}

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
