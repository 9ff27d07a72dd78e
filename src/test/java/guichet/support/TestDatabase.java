package guichet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import guichet.postgres.EmbeddedServer;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One real PostgreSQL server (zonky) per test JVM, and a fresh database in it for each
 * Spring context that asks, so that contexts never see each other's rows and the server
 * starts only once.
 */
public final class TestDatabase {

	private static EmbeddedPostgres server;

	private TestDatabase() {
	}

	private static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				// fast on purpose: a test database need not survive a power cut
				// (Guichet's own is durable,
				// guichet.postgres.EmbeddedServer.DURABLE); zonky's defaults, written out
				// so that nobody copies them
				var builder = EmbeddedPostgres.builder();
				EmbeddedServer.NOT_DURABLE.forEach(builder::setServerConfig);
				server = builder.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ignored) {
					// the JVM is ending anyway
				}
			}));
		}
		return server;
	}

	/** A JDBC URL to a new, empty database. */
	public static String newDatabaseUrl() {
		String name = "guichet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

	/**
	 * A new database with Guichet's schema (the Flyway migrations), for tests of one
	 * class without Spring.
	 */
	public static DataSource newMigratedDataSource() {
		var dataSource = new DriverManagerDataSource(newDatabaseUrl());
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return dataSource;
	}

}
