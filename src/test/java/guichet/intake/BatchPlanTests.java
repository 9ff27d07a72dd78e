package guichet.intake;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import guichet.intake.BatchPlan.Reading;
import guichet.intake.MessageLedger.MailboxState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one poll of an IMAP folder reads, from numbers alone: where it starts, how much it
 * takes, and where the watermark goes once the intake is done.
 */
class BatchPlanTests {

	private static final long UIDVALIDITY = 7;

	@Test
	void aFolderNeverPolledIsReadFromItsFirstMessage() {
		var start = BatchPlan.start(new MailboxState(null, 0), UIDVALIDITY, 42);

		assertThat(start.watermark()).isZero();
		assertThat(start.reading()).isEqualTo(Reading.FIRST_POLL);
	}

	@Test
	void aFolderPolledBeforeIsReadAboveItsWatermark() {
		var start = BatchPlan.start(new MailboxState(UIDVALIDITY, 120), UIDVALIDITY, 131);

		assertThat(start.watermark()).isEqualTo(120);
		assertThat(start.reading()).isEqualTo(Reading.ABOVE_WATERMARK);
	}

	@Test
	void aServerThatDoesNotSayUidNextIsReadAboveTheWatermark() {
		var start = BatchPlan.start(new MailboxState(UIDVALIDITY, 120), UIDVALIDITY, -1);

		assertThat(start.watermark()).isEqualTo(120);
		assertThat(start.reading()).isEqualTo(Reading.ABOVE_WATERMARK);
	}

	@Test
	void aNewUidValidityReadsTheFolderAgainFromItsFirstMessage() {
		var start = BatchPlan.start(new MailboxState(UIDVALIDITY, 120), UIDVALIDITY + 1, 500);

		assertThat(start.watermark()).isZero();
		assertThat(start.reading()).isEqualTo(Reading.UIDVALIDITY_CHANGED);
	}

	@Test
	void uidNextAtOrBelowTheWatermarkMeansTheServerNumberedAnewSoTheFolderIsReadAgain() {
		var atWatermark = BatchPlan.start(new MailboxState(UIDVALIDITY, 120), UIDVALIDITY, 120);
		var below = BatchPlan.start(new MailboxState(UIDVALIDITY, 120), UIDVALIDITY, 3);
		var justAbove = BatchPlan.start(new MailboxState(UIDVALIDITY, 120), UIDVALIDITY, 121);

		assertThat(atWatermark.watermark()).isZero();
		assertThat(atWatermark.reading()).isEqualTo(Reading.UIDS_RESTARTED);
		assertThat(below.reading()).isEqualTo(Reading.UIDS_RESTARTED);
		assertThat(justAbove.watermark()).isEqualTo(120);
	}

	@Test
	void aPollLooksAtTwiceTheBatchSizeHoweverLargeTheBacklog() {
		var plan = new BatchPlan(3, 1_000_000);

		assertThat(plan.window(uids(1, 100))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
		assertThat(plan.window(uids(10, 12))).containsExactly(10L, 11L, 12L);
		assertThat(plan.window(List.of())).isEmpty();
	}

	@Test
	void settledMessagesAreSkippedAndAtMostTheBatchSizeIsTaken() {
		var plan = new BatchPlan(3, 1_000_000);

		var unsettled = plan.unsettled(uids(1, 6), Set.of(1L, 3L));

		assertThat(unsettled).containsExactly(2L, 4L, 5L);
	}

	@Test
	void messagesAreFetchedWhileTheyFitInTheBatchBytes() {
		var plan = new BatchPlan(10, 100);

		var toFetch = plan.toFetch(List.of(1L, 2L, 3L, 4L), Map.of(1L, 40L, 2L, 60L, 3L, 1L, 4L, 1L));

		assertThat(toFetch).containsExactly(1L, 2L);
	}

	@Test
	void aMessageLargerThanTheBatchBytesIsStillFetchedOnItsOwn() {
		var plan = new BatchPlan(10, 100);

		assertThat(plan.toFetch(List.of(5L, 6L), Map.of(5L, 5_000L, 6L, 10L))).containsExactly(5L);
		assertThat(plan.toFetch(List.of(5L, 6L), Map.of(5L, 10L, 6L, 5_000L))).containsExactly(5L);
	}

	@Test
	void aMessageGoneSinceItWasListedHasNoSizeAndIsSkipped() {
		var plan = new BatchPlan(10, 100);

		assertThat(plan.toFetch(List.of(1L, 2L, 3L), Map.of(1L, 10L, 3L, 10L))).containsExactly(1L, 3L);
	}

	@Test
	void sizesAreAskedForTheBacklogAheadOnlyWhenAnUnsettledMessageHasNone() {
		List<Long> above = uids(1, 20);

		assertThat(BatchPlan.sizesToAsk(above, List.of(3L, 4L), Set.of(3L, 4L, 5L))).isEmpty();
		assertThat(BatchPlan.sizesToAsk(above, List.of(3L, 4L), Set.of(3L))).hasSize(19).doesNotContain(3L);
	}

	@Test
	void sizesAreAskedForAtMostTenThousandMessagesAhead() {
		List<Long> above = uids(1, 25_000);

		var ask = BatchPlan.sizesToAsk(above, List.of(1L), Set.of());

		assertThat(ask).hasSize(BatchPlan.SIZES_AHEAD).startsWith(1L, 2L).endsWith(10_000L);
	}

	@Test
	void aPop3PollReadsWhileItHasRoomAndMayGoOverTheBytesWithItsLastMessage() {
		var plan = new BatchPlan(2, 100);

		assertThat(plan.hasRoomAfter(0, 0)).isTrue();
		assertThat(plan.hasRoomAfter(1, 100)).isTrue();
		assertThat(plan.hasRoomAfter(1, 101)).isFalse();
		assertThat(plan.hasRoomAfter(2, 0)).isFalse();
	}

	@Test
	void theWatermarkMovesOverTheSettledRunAtTheHeadOfTheWindow() {
		var watermark = BatchPlan.watermarkAfter(List.of(4L, 7L, 8L, 12L), Set.of(4L, 7L, 12L));

		assertThat(watermark).hasValue(7);
	}

	@Test
	void aPendingFirstMessageHoldsTheWatermarkWhereItIs() {
		var watermark = BatchPlan.watermarkAfter(List.of(4L, 7L), Set.of(7L));

		assertThat(watermark).isEmpty();
	}

	@Test
	void anEmptyWindowMovesNothing() {
		assertThat(BatchPlan.watermarkAfter(List.of(), Set.of())).isEmpty();
	}

	@Test
	void gapsInTheUidsDoNotStopTheWatermark() {
		var watermark = BatchPlan.watermarkAfter(List.of(3L, 90L, 1_000L), Set.of(3L, 90L, 1_000L));

		assertThat(watermark).hasValue(1_000);
	}

	@Test
	void aBacklogIsReadBatchByBatchAndTheWatermarkFollows() {
		var plan = new BatchPlan(2, 1_000);
		List<Long> folder = uids(1, 5);
		Map<Long, Long> sizes = Map.of(1L, 10L, 2L, 10L, 3L, 10L, 4L, 10L, 5L, 10L);
		long watermark = 0;
		List<List<Long>> batches = new java.util.ArrayList<>();

		for (int poll = 0; poll < 4; poll++) {
			long above = watermark;
			List<Long> window = plan.window(folder.stream().filter(uid -> uid > above).toList());
			List<Long> fetched = plan.toFetch(plan.unsettled(window, Set.of()), sizes);
			batches.add(fetched);
			watermark = BatchPlan.watermarkAfter(window, Set.copyOf(fetched)).orElse(watermark);
		}

		assertThat(batches).containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L), List.of());
		assertThat(watermark).isEqualTo(5);
	}

	private static List<Long> uids(long first, long last) {
		return LongStream.rangeClosed(first, last).boxed().toList();
	}

}
