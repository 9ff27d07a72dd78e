package guichet.backup;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A consistent copy of Guichet's database in one file, through PostgreSQL's COPY (the
 * embedded package ships no {@code pg_dump}). Every table of the schema is read in one
 * REPEATABLE READ transaction, so the copy is the database as it stood at one instant,
 * while Guichet goes on filing; each table goes into a zip entry in COPY's binary format
 * (the raw messages byte for byte), with a {@link Manifest} naming the schema's Flyway
 * version, the tables ({@link Catalog}), their columns and their row counts. A
 * {@link Restore} creates that schema version with Flyway, loads every table in one
 * transaction and checks every count: it succeeds whole or leaves nothing. This class is
 * what the commands and the schedule call.
 */
public final class Backups {

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
				String schema = Catalog.schemaVersion(connection);
				Properties manifest = new Properties();
				Map<String, Long> rows = new LinkedHashMap<>();
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				List<String> tables = Catalog.tables(connection);
				for (String table : tables) {
					List<String> columns = Catalog.columns(connection, table);
					out.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
					long count = copy.copyOut("COPY %s (%s) TO STDOUT (FORMAT binary)".formatted(Catalog.quote(table),
							String.join(", ", columns.stream().map(Catalog::quote).toList())), unclosable(out));
					out.closeEntry();
					rows.put(table, count);
					manifest.setProperty("table." + table + ".columns", String.join(",", columns));
					manifest.setProperty("table." + table + ".rows", String.valueOf(count));
				}
				List<String> sequences = Catalog.sequences(connection);
				for (String sequence : sequences) {
					try (Statement statement = connection.createStatement();
							ResultSet value = statement
								.executeQuery("select last_value, is_called from " + Catalog.quote(sequence))) {
						value.next();
						manifest.setProperty("sequence." + sequence, value.getLong(1) + "," + value.getBoolean(2));
					}
				}
				Instant created = Instant.now();
				manifest.setProperty("format", String.valueOf(Manifest.FORMAT));
				manifest.setProperty("created", created.toString());
				manifest.setProperty("schema.version", schema);
				manifest.setProperty("postgres.version", connection.getMetaData().getDatabaseProductVersion());
				manifest.setProperty("tables", String.join(",", tables));
				manifest.setProperty("sequences", String.join(",", sequences));
				out.putNextEntry(new ZipEntry(Manifest.NAME));
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
			return Manifest.contents(Manifest.read(zip, file));
		}
		catch (IOException ex) {
			throw new BackupException(file + " is not a Guichet backup: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Restores a backup into an empty database: creates the backup's schema version with
	 * Flyway, then loads every table and sequence in one transaction ({@link Restore}).
	 */
	public static Contents restore(Path file, DataSource dataSource) {
		return Restore.restore(file, dataSource);
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
