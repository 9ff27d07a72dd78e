package guichet.intake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImapCommandsTests {

	@Test
	void consecutiveUidsAreAskedForAsOneRange() {
		assertThat(ImapCommands.uidSets(List.of(101L, 102L, 103L, 104L))).containsExactly("101:104");
	}

	@Test
	void gapsLeftBySettledMessagesSplitTheRanges() {
		assertThat(ImapCommands.uidSets(List.of(7L, 3L, 4L, 5L, 9L, 10L))).containsExactly("3:5,7,9:10");
	}

	@Test
	void aBacklogOfConsecutiveUidsIsAskedForInOneCommand() {
		List<Long> uids = java.util.stream.LongStream.rangeClosed(1, 10_000).boxed().toList();

		assertThat(ImapCommands.uidSets(uids)).containsExactly("1:10000");
	}

	@Test
	void aBacklogFullOfGapsIsSplitIntoCommandsOfAtMost8000Characters() {
		// every other UID of a large mailbox: 10,000 single numbers, some 70 KB as one
		// set
		List<Long> uids = java.util.stream.LongStream.rangeClosed(0, 9_999)
			.map(i -> 1_000_000 + 2 * i)
			.boxed()
			.toList();

		List<String> sets = ImapCommands.uidSets(uids);

		assertThat(sets).hasSizeGreaterThan(1).allSatisfy(set -> assertThat(set).hasSizeLessThanOrEqualTo(8000));
		assertThat(sets.stream().flatMap(set -> java.util.Arrays.stream(set.split(","))).map(Long::valueOf))
			.containsExactlyElementsOf(uids);
	}

}
