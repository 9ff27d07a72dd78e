package guichet.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import guichet.backup.Backups.Contents;

/**
 * Loads a backup into an empty database ({@link Backups#restore}): the backup's schema
 * version made by Flyway, then every table and sequence in one transaction, each count
 * checked against the manifest, so that a restore succeeds whole or leaves nothing.
 */
final class Restore {

	private Restore() {
	}

	/**
	 * Restores a backup into an empty database: creates the backup's schema version with
	 * Flyway, then loads every table and sequence in one transaction.
	 */
	static Contents restore(Path file, DataSource dataSource) {
		try (ZipFile zip = new ZipFile(file.toFile()); Connection connection = dataSource.getConnection()) {
			Properties manifest = Manifest.read(zip, file);
			Contents contents = Manifest.contents(manifest);
			if (!Catalog.tables(connection).isEmpty()) {
				throw new BackupException("The database to restore into is not empty");
			}
			var migrations = Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/migration")
				.load()
				.info()
				.all();
			String known = Arrays.stream(migrations)
				.map(migration -> migration.getVersion().getVersion())
				.reduce((first, second) -> second)
				.orElse("none");
			if (Arrays.stream(migrations)
				.noneMatch(migration -> migration.getVersion().getVersion().equals(contents.schemaVersion()))) {
				throw new BackupException(
						("This backup was made by a Guichet whose database is at version %s; this one "
								+ "knows up to %s: restore it with that Guichet or a later one")
							.formatted(contents.schemaVersion(), known));
			}
			Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/migration")
				.target(contents.schemaVersion())
				.load()
				.migrate();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				// foreign keys are checked by no trigger while loading: the tables arrive
				// in any order, and they were
				// consistent in the snapshot
				statement.execute("set local session_replication_role = replica");
				List<String> tables = Catalog.tables(connection);
				if (!new TreeSet<>(tables).equals(new TreeSet<>(contents.rows().keySet()))) {
					throw new BackupException("The backup's tables %s are not those of schema version %s: %s"
						.formatted(contents.rows().keySet(), contents.schemaVersion(), tables));
				}
				statement.execute("truncate " + String.join(", ", tables.stream().map(Catalog::quote).toList()));
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				for (String table : tables) {
					String columns = manifest.getProperty("table." + table + ".columns");
					if (!Arrays.asList(columns.split(",")).equals(Catalog.columns(connection, table))) {
						throw new BackupException(
								"The columns of %s in the backup (%s) are not those of schema version %s"
									.formatted(table, columns, contents.schemaVersion()));
					}
					ZipEntry entry = zip.getEntry("tables/" + table + ".copy");
					if (entry == null) {
						throw new BackupException("The backup has no data for table " + table);
					}
					long loaded;
					try (InputStream in = zip.getInputStream(entry)) {
						loaded = copy.copyIn(
								"COPY %s (%s) FROM STDIN (FORMAT binary)".formatted(Catalog.quote(table),
										String.join(", ",
												Arrays.stream(columns.split(",")).map(Catalog::quote).toList())),
								in, 1 << 16);
					}
					if (loaded != contents.rows().get(table)) {
						throw new BackupException("Table %s: %d rows loaded, the backup says %d".formatted(table,
								loaded, contents.rows().get(table)));
					}
				}
				for (String sequence : Manifest.list(manifest.getProperty("sequences", ""))) {
					String[] value = manifest.getProperty("sequence." + sequence).split(",");
					try (PreparedStatement setval = connection.prepareStatement("select setval(?::regclass, ?, ?)")) {
						setval.setString(1, Catalog.quote(sequence));
						setval.setLong(2, Long.parseLong(value[0]));
						setval.setBoolean(3, Boolean.parseBoolean(value[1]));
						setval.execute();
					}
				}
				connection.commit();
			}
			catch (SQLException | IOException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("analyze");
			}
			return contents;
		}
		catch (SQLException ex) {
			throw new BackupException("Could not restore " + file + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new BackupException("Could not read the backup " + file + ": " + ex.getMessage(), ex);
		}
	}

}
