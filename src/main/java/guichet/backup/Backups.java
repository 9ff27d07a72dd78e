package guichet.backup;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A consistent copy of Guichet's database in one file, through PostgreSQL's COPY (the
 * embedded package ships no {@code pg_dump}). Every table of the schema is read in one
 * REPEATABLE READ transaction, so the copy is the database as it stood at one instant,
 * while Guichet goes on filing; each table goes into a zip entry in COPY's binary format
 * (the raw messages byte for byte), with a manifest naming the schema's Flyway version,
 * the tables, their columns and their row counts. A restore creates that schema version
 * with Flyway, loads every table in one transaction and checks every count: it succeeds
 * whole or leaves nothing.
 */
public final class Backups {

	static final String MANIFEST = "guichet-backup.properties";

	static final int FORMAT = 1;

	private Backups() {
	}

	/** What a backup holds, as its manifest says. */
	public record Contents(Instant created, String schemaVersion, Map<String, Long> rows) {

		@Override
		public String toString() {
			return "%d tables, %d rows (%s), schema version %s, taken %s".formatted(rows.size(),
					rows.values().stream().mapToLong(Long::longValue).sum(), summary(), schemaVersion, created);
		}

		private static final Map<String, String> NOUNS = Map.of("application", "applications", "message", "messages",
				"outbox", "mails in the outbox");

		private String summary() {
			List<String> shown = new ArrayList<>();
			for (String table : List.of("application", "message", "outbox")) {
				if (rows.containsKey(table)) {
					shown.add(rows.get(table) + " " + NOUNS.get(table));
				}
			}
			return String.join(", ", shown);
		}

	}

	/**
	 * Writes a backup of the database to {@code file}, which must not exist yet. It is
	 * written beside it under another name and moved into place when complete, so that
	 * {@code file} is never a partial backup.
	 */
	public static Contents write(DataSource dataSource, Path file) {
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		try (Connection connection = dataSource.getConnection()) {
			if (Files.exists(file)) {
				throw new BackupException(file + " already exists; a backup never replaces a file");
			}
			if (file.toAbsolutePath().getParent() != null) {
				Files.createDirectories(file.toAbsolutePath().getParent());
			}
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
			Contents contents;
			try (var out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
				// the snapshot is taken by the transaction's first statement: every table
				// below is read in it
				String schema = schemaVersion(connection);
				Properties manifest = new Properties();
				Map<String, Long> rows = new LinkedHashMap<>();
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				List<String> tables = tables(connection);
				for (String table : tables) {
					List<String> columns = columns(connection, table);
					out.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
					long count = copy.copyOut("COPY %s (%s) TO STDOUT (FORMAT binary)".formatted(quote(table),
							String.join(", ", columns.stream().map(Backups::quote).toList())), unclosable(out));
					out.closeEntry();
					rows.put(table, count);
					manifest.setProperty("table." + table + ".columns", String.join(",", columns));
					manifest.setProperty("table." + table + ".rows", String.valueOf(count));
				}
				List<String> sequences = sequences(connection);
				for (String sequence : sequences) {
					try (Statement statement = connection.createStatement();
							ResultSet value = statement
								.executeQuery("select last_value, is_called from " + quote(sequence))) {
						value.next();
						manifest.setProperty("sequence." + sequence, value.getLong(1) + "," + value.getBoolean(2));
					}
				}
				Instant created = Instant.now();
				manifest.setProperty("format", String.valueOf(FORMAT));
				manifest.setProperty("created", created.toString());
				manifest.setProperty("schema.version", schema);
				manifest.setProperty("postgres.version", connection.getMetaData().getDatabaseProductVersion());
				manifest.setProperty("tables", String.join(",", tables));
				manifest.setProperty("sequences", String.join(",", sequences));
				out.putNextEntry(new ZipEntry(MANIFEST));
				manifest.store(unclosable(out), "Guichet backup: restore with java -jar guichet.jar restore FILE");
				out.closeEntry();
				contents = new Contents(created, schema, rows);
			}
			finally {
				connection.rollback();
			}
			// on disk before it is called a backup
			try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
			return contents;
		}
		catch (SQLException ex) {
			throw new BackupException("Could not read the database for the backup: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new BackupException("Could not write the backup " + file + ": " + ex.getMessage(), ex);
		}
		finally {
			try {
				Files.deleteIfExists(partial);
			}
			catch (IOException ignored) {
				// left beside the target under a name that says what it is
			}
		}
	}

	/** What {@code file} holds, from its manifest. */
	public static Contents read(Path file) {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			return contents(manifest(zip, file));
		}
		catch (IOException ex) {
			throw new BackupException(file + " is not a Guichet backup: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Restores a backup into an empty database: creates the backup's schema version with
	 * Flyway, then loads every table and sequence in one transaction.
	 */
	public static Contents restore(Path file, DataSource dataSource) {
		try (ZipFile zip = new ZipFile(file.toFile()); Connection connection = dataSource.getConnection()) {
			Properties manifest = manifest(zip, file);
			Contents contents = contents(manifest);
			if (!tables(connection).isEmpty()) {
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
				List<String> tables = tables(connection);
				if (!new TreeSet<>(tables).equals(new TreeSet<>(contents.rows().keySet()))) {
					throw new BackupException("The backup's tables %s are not those of schema version %s: %s"
						.formatted(contents.rows().keySet(), contents.schemaVersion(), tables));
				}
				statement.execute("truncate " + String.join(", ", tables.stream().map(Backups::quote).toList()));
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				for (String table : tables) {
					String columns = manifest.getProperty("table." + table + ".columns");
					if (!Arrays.asList(columns.split(",")).equals(columns(connection, table))) {
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
								"COPY %s (%s) FROM STDIN (FORMAT binary)".formatted(quote(table),
										String.join(", ",
												Arrays.stream(columns.split(",")).map(Backups::quote).toList())),
								in, 1 << 16);
					}
					if (loaded != contents.rows().get(table)) {
						throw new BackupException("Table %s: %d rows loaded, the backup says %d".formatted(table,
								loaded, contents.rows().get(table)));
					}
				}
				for (String sequence : list(manifest.getProperty("sequences", ""))) {
					String[] value = manifest.getProperty("sequence." + sequence).split(",");
					try (PreparedStatement setval = connection.prepareStatement("select setval(?::regclass, ?, ?)")) {
						setval.setString(1, quote(sequence));
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

	private static Properties manifest(ZipFile zip, Path file) throws IOException {
		ZipEntry entry = zip.getEntry(MANIFEST);
		if (entry == null) {
			throw new BackupException(file + " is not a Guichet backup (no " + MANIFEST + " in it)");
		}
		Properties manifest = new Properties();
		try (InputStream in = zip.getInputStream(entry)) {
			manifest.load(in);
		}
		if (!String.valueOf(FORMAT).equals(manifest.getProperty("format"))) {
			throw new BackupException(file + " is a backup in format " + manifest.getProperty("format")
					+ ", which this Guichet does not read (it reads format " + FORMAT + ")");
		}
		return manifest;
	}

	private static Contents contents(Properties manifest) {
		Map<String, Long> rows = new LinkedHashMap<>();
		for (String table : list(manifest.getProperty("tables", ""))) {
			rows.put(table, Long.parseLong(manifest.getProperty("table." + table + ".rows")));
		}
		return new Contents(Instant.parse(manifest.getProperty("created")), manifest.getProperty("schema.version"),
				rows);
	}

	private static List<String> list(String commaSeparated) {
		return commaSeparated.isBlank() ? List.of() : List.of(commaSeparated.split(","));
	}

	/** The version of the last migration applied, as Flyway writes it ("6"). */
	private static String schemaVersion(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet version = statement.executeQuery("""
				select version from flyway_schema_history where success and version is not null
				order by installed_rank desc limit 1""")) {
			if (!version.next()) {
				throw new BackupException("The database has no Guichet schema (no migration applied)");
			}
			return version.getString(1);
		}
		catch (SQLException ex) {
			if ("42P01".equals(ex.getSQLState())) {
				throw new BackupException("The database has no Guichet schema (no flyway_schema_history)");
			}
			throw ex;
		}
	}

	/** The schema's tables, Flyway's history among them, by name. */
	private static List<String> tables(Connection connection) throws SQLException {
		return strings(connection, """
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name""");
	}

	/**
	 * A table's columns in their order, without generated ones (which COPY FROM cannot
	 * write).
	 */
	private static List<String> columns(Connection connection, String table) throws SQLException {
		return strings(connection, """
				select column_name from information_schema.columns
				where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER'
				order by ordinal_position""", table);
	}

	private static List<String> sequences(Connection connection) throws SQLException {
		return strings(connection, """
				select sequence_name from information_schema.sequences
				where sequence_schema = current_schema() order by sequence_name""");
	}

	private static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			List<String> values = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					values.add(result.getString(1));
				}
			}
			return values;
		}
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/** COPY and Properties close what they write to; the zip's entries must stay open. */
	private static OutputStream unclosable(OutputStream out) {
		return new FilterOutputStream(out) {

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.out.write(bytes, offset, length);
			}

			@Override
			public void close() throws IOException {
				this.out.flush();
			}

		};
	}

}
