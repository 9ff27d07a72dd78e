package guichet.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FilingOrderTests {

	static final int ROUTES = 4;

	/**
	 * 40 applicants, then a second message from each: the same batch in every committee
	 * mailbox.
	 */
	final List<ReceivedMessage> batch = batch();

	@Test
	void eachRouteStartsWithItsOwnShareOfTheApplicants() {
		List<Integer> firstShares = IntStream.range(0, ROUTES)
			.mapToObj(route -> FilingOrder.share(FilingOrder.of(batch, route, ROUTES).get(0), ROUTES))
			.toList();

		assertThat(firstShares).containsExactly(0, 1, 2, 3);
	}

	@Test
	void noMessageIsLostOrRepeated() {
		for (int route = 0; route < ROUTES; route++) {
			assertThat(FilingOrder.of(batch, route, ROUTES)).containsExactlyInAnyOrderElementsOf(batch);
		}
	}

	@Test
	void anApplicantsMessagesKeepTheirUidOrder() {
		for (int route = 0; route < ROUTES; route++) {
			List<ReceivedMessage> ordered = FilingOrder.of(batch, route, ROUTES);
			for (int applicant = 0; applicant < 40; applicant++) {
				String sender = "applicant-" + applicant + "@example.org";
				List<Long> uids = ordered.stream()
					.filter(m -> sender.equals(FilingOrder.senderOf(m.raw())))
					.map(ReceivedMessage::uid)
					.toList();
				assertThat(uids).hasSize(2).isSorted();
			}
		}
	}

	@Test
	void theSenderIsReadAsTheClerkReadsItWhateverTheHeaderLooksLike() {
		// an unquoted comma in the display name, and a message with a Sender but no From:
		// the same applicant
		for (int applicant = 0; applicant < 40; applicant++) {
			String address = "applicant-" + applicant + "@example.org";
			int share = FilingOrder.share(message(1, "From: " + address), ROUTES);
			assertThat(FilingOrder.share(message(2, "From: Dupont, Jean <" + address + ">"), ROUTES)).isEqualTo(share);
			assertThat(FilingOrder.share(message(3, "Sender: " + address.toUpperCase()), ROUTES)).isEqualTo(share);
		}
		assertThat(FilingOrder.senderOf("Subject: no sender\r\n\r\nNote.\r\n".getBytes(StandardCharsets.US_ASCII)))
			.isNull();
	}

	@Test
	void aSingleMailboxKeepsUidOrder() {
		assertThat(FilingOrder.of(batch, 0, 1)).containsExactlyElementsOf(batch);
	}

	private static ReceivedMessage message(long uid, String senderHeader) {
		String raw = senderHeader + "\r\nSubject: Note\r\n\r\nNote.\r\n";
		return new ReceivedMessage("alice", ReceivedMessage.imapLocation(1, uid), 1L, uid,
				raw.getBytes(StandardCharsets.US_ASCII),
				new ReceptionTime(Instant.parse("2019-12-18T10:00:00Z"), ReceptionTime.Source.INTERNALDATE));
	}

	private static List<ReceivedMessage> batch() {
		List<ReceivedMessage> batch = new ArrayList<>();
		long uid = 1;
		for (int round = 0; round < 2; round++) {
			for (int applicant = 0; applicant < 40; applicant++) {
				String raw = "From: Applicant <applicant-" + applicant + "@example.org>\r\nSubject: Note " + round
						+ "\r\n\r\nNote.\r\n";
				batch.add(new ReceivedMessage("alice", ReceivedMessage.imapLocation(1, uid), 1L, uid,
						raw.getBytes(StandardCharsets.US_ASCII),
						new ReceptionTime(Instant.parse("2019-12-18T10:00:00Z"), ReceptionTime.Source.INTERNALDATE)));
				uid++;
			}
		}
		return batch;
	}

}
