package guichet.intake;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import guichet.startup.BuiltInBackground;
import guichet.support.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchException;

/** A failed filing counts against its message, unless Guichet itself is what failed. */
class IntakeFailuresTests {

	MessageLedger ledger;

	JdbcClient jdbc;

	IntakeFailures failures;

	ReceivedMessage message = MessageLedgerRecordTests.pop3("pop3:1");

	@BeforeEach
	void freshDatabase() {
		var dataSource = TestDatabase.newMigratedDataSource();
		jdbc = JdbcClient.create(dataSource);
		ledger = new MessageLedger(jdbc);
		failures = new IntakeFailures(ledger, jdbc,
				new IntakeProperties(200, DataSize.ofMegabytes(32), DataSize.ofMegabytes(25), 3));
		ledger.record(message, MessageLedgerRecordTests.NO_HEADERS);
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
