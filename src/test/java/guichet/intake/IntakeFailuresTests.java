package guichet.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import guichet.config.BuiltInBackground;
import guichet.dedup.Envelope;
import guichet.support.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchException;

/** A failed filing counts against its message, unless Guichet itself is what failed. */
class IntakeFailuresTests {

	static final byte[] RAW = "From: ana@example.org\r\nSubject: Note\r\n\r\nBonjour\r\n".getBytes(StandardCharsets.US_ASCII);

	MessageLedger ledger;

	JdbcClient jdbc;

	IntakeFailures failures;

	ReceivedMessage message = new ReceivedMessage("shared", "pop3:1", null, null, RAW,
			new ReceptionTime(Instant.parse("2019-12-18T10:00:00Z"), ReceptionTime.Source.FETCH_TIME));

	@BeforeEach
	void freshDatabase() {
		var dataSource = new DriverManagerDataSource(TestDatabase.newDatabaseUrl());
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		jdbc = JdbcClient.create(dataSource);
		ledger = new MessageLedger(jdbc);
		failures = new IntakeFailures(ledger, jdbc, new IntakeProperties(200, DataSize.ofMegabytes(32),
				DataSize.ofMegabytes(25), 3));
		ledger.record(message, new Envelope(null, null, "", null, List.of(), null));
	}

	@Test
	void aFailureOfTheMessageIsCountedAgainstIt() {
		failures.record(message, new IllegalArgumentException("broken MIME"));

		assertThat(attempts()).isEqualTo(1);
	}

	@Test
	void languageModelsThatCouldNotBeLoadedAreNotCountedAgainstTheMessageButStopThePoll() {
		var models = new BuiltInBackground<String>("language models", () -> {
			throw new OutOfMemoryError("Java heap space");
		});
		Exception cause = catchException(models::get);

		assertThatThrownBy(() -> failures.record(message, new RuntimeException("filing failed", cause)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("language models could not be built");
		assertThat(attempts()).isZero();
		assertThat(jdbc.sql("select state from message").query(String.class).single()).isEqualTo("PENDING");
	}

	private int attempts() {
		return jdbc.sql("select attempts from message").query(Integer.class).single();
	}

}
