package guichet.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backup needs to know of the schema, read from PostgreSQL's own catalog rather
 * than listed by hand: a table or column added by a later migration is backed up without
 * anyone remembering to add it here.
 */
final class Catalog {

	private Catalog() {
	}

	/** The version of the last migration applied, as Flyway writes it ("6"). */
	static String schemaVersion(Connection connection) throws SQLException {
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
	static List<String> tables(Connection connection) throws SQLException {
		return strings(connection, """
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name""");
	}

	/**
	 * A table's columns in their order, without generated ones (which COPY FROM cannot
	 * write).
	 */
	static List<String> columns(Connection connection, String table) throws SQLException {
		return strings(connection, """
				select column_name from information_schema.columns
				where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER'
				order by ordinal_position""", table);
	}

	static List<String> sequences(Connection connection) throws SQLException {
		return strings(connection, """
				select sequence_name from information_schema.sequences
				where sequence_schema = current_schema() order by sequence_name""");
	}

	static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
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

	static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

}
