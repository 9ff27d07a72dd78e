package guichet.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import guichet.dedup.ContentFingerprint;
import guichet.dedup.Envelope;
import guichet.support.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fetched message is stored once, byte for byte, with the hash that recognises the same
 * bytes elsewhere.
 */
class MessageLedgerRecordTests {

	static final byte[] RAW = "From: ana@example.org\r\nSubject: Note\r\n\r\nBonjour\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	static final Envelope NO_HEADERS = new Envelope(null, null, "", null, List.of(), null);

	MessageLedger ledger;

	JdbcClient jdbc;

	@BeforeEach
	void freshDatabase() {
		var dataSource = TestDatabase.newMigratedDataSource();
		jdbc = JdbcClient.create(dataSource);
		ledger = new MessageLedger(jdbc);
	}

	@Test
	void storesTheBytesWithTheHashJavaComputesForThem() {
		var recorded = ledger.record(pop3("pop3:1"), NO_HEADERS);

		assertThat(jdbc.sql("select raw from message where id = :id")
			.param("id", recorded.id())
			.query(byte[].class)
			.single()).isEqualTo(RAW);
		assertThat(jdbc.sql("select raw_sha256 from message where id = :id")
			.param("id", recorded.id())
			.query(String.class)
			.single()).isEqualTo(ContentFingerprint.sha256(RAW));
		assertThat(jdbc.sql("select size from message where id = :id")
			.param("id", recorded.id())
			.query(Integer.class)
			.single()).isEqualTo(RAW.length);
	}

	@Test
	void theSameMessageRecordedAgainAtItsPlaceIsTheSameRow() {
		var first = ledger.record(pop3("pop3:1"), NO_HEADERS);
		var again = ledger.record(pop3("pop3:1"), NO_HEADERS);

		assertThat(again).isEqualTo(first);
		assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void theSameBytesAtANewPlaceOfTheSameMailboxAreOneRowThatMoves() {
		var first = ledger.record(pop3("pop3:1"), NO_HEADERS);
		var again = ledger.record(pop3("pop3:2"), NO_HEADERS);

		assertThat(again.id()).isEqualTo(first.id());
		assertThat(jdbc.sql("select location from message").query(String.class).list()).containsExactly("pop3:2");
	}

	static ReceivedMessage pop3(String location) {
		return new ReceivedMessage("shared", location, null, null, RAW,
				new ReceptionTime(Instant.parse("2019-12-18T10:00:00Z"), ReceptionTime.Source.FETCH_TIME));
	}

}
