package guichet.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import guichet.backup.Backups.Contents;

/**
 * A backup's manifest ({@value #NAME} in the zip): its format, when it was taken, the
 * schema's Flyway version, and each table's columns and row count, which a restore checks
 * before and after loading.
 */
final class Manifest {

	static final String NAME = "guichet-backup.properties";

	static final int FORMAT = 1;

	private Manifest() {
	}

	static Properties read(ZipFile zip, Path file) throws IOException {
		ZipEntry entry = zip.getEntry(NAME);
		if (entry == null) {
			throw new BackupException(file + " is not a Guichet backup (no " + NAME + " in it)");
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

	static Contents contents(Properties manifest) {
		Map<String, Long> rows = new LinkedHashMap<>();
		for (String table : list(manifest.getProperty("tables", ""))) {
			rows.put(table, Long.parseLong(manifest.getProperty("table." + table + ".rows")));
		}
		return new Contents(Instant.parse(manifest.getProperty("created")), manifest.getProperty("schema.version"),
				rows);
	}

	static List<String> list(String commaSeparated) {
		return commaSeparated.isBlank() ? List.of() : List.of(commaSeparated.split(","));
	}

}
