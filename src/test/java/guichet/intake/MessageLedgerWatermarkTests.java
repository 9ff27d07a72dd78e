package guichet.intake;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import guichet.support.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watermark only moves forward within one UIDVALIDITY, and says when it moved: a poll
 * that moved nothing must wait its interval (a re-scan after UIDNEXT went back would
 * otherwise poll back to back).
 */
class MessageLedgerWatermarkTests {

	MessageLedger ledger;

	@BeforeEach
	void freshDatabase() {
		var dataSource = TestDatabase.newMigratedDataSource();
		ledger = new MessageLedger(JdbcClient.create(dataSource));
	}

	@Test
	void movesForwardAndSaysSo() {
		assertThat(ledger.advance("alice", 7, 10)).isTrue();
		assertThat(ledger.advance("alice", 7, 12)).isTrue();

		assertThat(ledger.stateOf("alice").watermark()).isEqualTo(12);
	}

	@Test
	void aLowerOrEqualWatermarkChangesNothingAndSaysSo() {
		ledger.advance("alice", 7, 12);

		assertThat(ledger.advance("alice", 7, 3)).isFalse();
		assertThat(ledger.advance("alice", 7, 12)).isFalse();
		assertThat(ledger.stateOf("alice").watermark()).isEqualTo(12);
	}

	@Test
	void aNewUidValidityStartsAgainFromItsWatermark() {
		ledger.advance("alice", 7, 12);

		assertThat(ledger.advance("alice", 8, 2)).isTrue();
		assertThat(ledger.stateOf("alice").uidValidity()).isEqualTo(8);
		assertThat(ledger.stateOf("alice").watermark()).isEqualTo(2);
	}

}
