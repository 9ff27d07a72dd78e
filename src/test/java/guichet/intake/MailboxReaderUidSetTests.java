package guichet.intake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxReaderUidSetTests {

	@Test
	void consecutiveUidsAreAskedForAsOneRange() {
		assertThat(MailboxReader.uidSet(List.of(101L, 102L, 103L, 104L))).isEqualTo("101:104");
	}

	@Test
	void gapsLeftBySettledMessagesSplitTheRanges() {
		assertThat(MailboxReader.uidSet(List.of(7L, 3L, 4L, 5L, 9L, 10L))).isEqualTo("3:5,7,9:10");
	}

}
