package guichet.backup;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import guichet.support.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups through COPY (issue #18): the same rows and bytes back, all or nothing, never
 * over something.
 */
public class BackupsTests {

	@TempDir
	Path folder;

	@Test
	void restoresEveryTableRowAndRawByteIntoAnEmptyDatabase() {
		DataSource original = TestDatabase.newMigratedDataSource();
		byte[] raw = new byte[256 * 4];
		for (int i = 0; i < raw.length; i++) {
			raw[i] = (byte) i;
		}
		insertMessage(original, "alice", raw);
		insertMessage(original, "bruno", "Subject: Candidature\r\n\r\nBonjour\r\n".getBytes());
		JdbcClient.create(original)
			.sql("insert into mailbox_state (mailbox, uid_validity, watermark) values ('alice', 7, 42)")
			.update();
		Path file = this.folder.resolve("backup.zip");

		Backups.Contents written = Backups.write(original, file);
		DataSource restored = new DriverManagerDataSource(TestDatabase.newDatabaseUrl());
		Backups.Contents read = Backups.restore(file, restored);

		assertThat(written.rows()).containsEntry("message", 2L).containsEntry("mailbox_state", 1L);
		assertThat(read.rows()).isEqualTo(written.rows());
		assertThat(fingerprints(restored)).isEqualTo(fingerprints(original))
			.containsKeys("message", "flyway_schema_history");
		assertThat(JdbcClient.create(restored)
			.sql("select raw from message where mailbox = 'alice'")
			.query(byte[].class)
			.single()).isEqualTo(raw);
	}

	@Test
	void neverReplacesAFile() throws Exception {
		Path file = Files.writeString(this.folder.resolve("backup.zip"), "something else");

		assertThatThrownBy(() -> Backups.write(TestDatabase.newMigratedDataSource(), file))
			.isInstanceOf(BackupException.class)
			.hasMessageContaining("already exists");
		assertThat(Files.readString(file)).isEqualTo("something else");
	}

	@Test
	void refusesToRestoreOverADatabase() {
		DataSource original = TestDatabase.newMigratedDataSource();
		Path file = this.folder.resolve("backup.zip");
		Backups.write(original, file);

		assertThatThrownBy(() -> Backups.restore(file, TestDatabase.newMigratedDataSource()))
			.isInstanceOf(BackupException.class)
			.hasMessage("The database to restore into is not empty");
	}

	@Test
	void refusesABackupOfASchemaThisGuichetDoesNotKnow() throws Exception {
		Path file = this.folder.resolve("backup.zip");
		Backups.write(TestDatabase.newMigratedDataSource(), file);
		Path newer = withManifest(file, "schema\\.version=\\d+", "schema.version=999");
		DataSource target = new DriverManagerDataSource(TestDatabase.newDatabaseUrl());

		assertThatThrownBy(() -> Backups.restore(newer, target)).isInstanceOf(BackupException.class)
			.hasMessageStartingWith(
					"This backup was made by a Guichet whose database is at version 999; this one knows up to");
		assertThat(JdbcClient.create(target)
			.sql("select count(*) from information_schema.tables where table_schema = 'public'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aFileThatIsNotABackupSaysSo() throws Exception {
		Path file = Files.writeString(this.folder.resolve("notes.zip"), "not a zip");

		assertThatThrownBy(() -> Backups.read(file)).isInstanceOf(BackupException.class)
			.hasMessageContaining("is not a Guichet backup");
	}

	/** Per table, a digest of every row as text: equal digests, equal tables. */
	public static Map<String, String> fingerprints(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		List<String> tables = jdbc
			.sql("select table_name from information_schema.tables where table_schema = 'public'"
					+ " and table_type = 'BASE TABLE' order by table_name")
			.query(String.class)
			.list();
		Map<String, String> digests = new LinkedHashMap<>();
		for (String table : tables) {
			digests.put(table, jdbc
				.sql("select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from \"" + table + "\" t")
				.query(String.class)
				.single());
		}
		return digests;
	}

	private static void insertMessage(DataSource dataSource, String mailbox, byte[] raw) {
		JdbcClient.create(dataSource)
			.sql("""
					insert into message (id, mailbox, location, raw, raw_sha256, size, received_at, received_at_source, state)
					values (?, ?, ?, ?, encode(sha256(?), 'hex'), ?, now(), 'INTERNALDATE', 'PENDING')""")
			.params(UUID.randomUUID(), mailbox, "imap:7:" + mailbox.length(), raw, raw, raw.length)
			.update();
	}

	/** A copy of the backup whose manifest has what matches a pattern replaced. */
	private Path withManifest(Path backup, String line, String replacement) throws Exception {
		Path copy = this.folder.resolve("changed.zip");
		try (ZipFile zip = new ZipFile(backup.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
			for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				byte[] bytes = zip.getInputStream(entry).readAllBytes();
				if (entry.getName().equals(Manifest.NAME)) {
					bytes = new String(bytes).replaceAll(line, replacement).getBytes();
				}
				((OutputStream) out).write(bytes);
				out.closeEntry();
			}
		}
		return copy;
	}

}
