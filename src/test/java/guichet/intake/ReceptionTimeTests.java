package guichet.intake;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import guichet.intake.ReceptionTime.Source;

import static org.assertj.core.api.Assertions.assertThat;

class ReceptionTimeTests {

	static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void theImapInternalDateWinsOverEveryHeader() throws Exception {
		MimeMessage message = message("Received: from a by b; Wed, 18 Dec 2019 10:00:00 +0100\r\n");

		var time = ReceptionTime.of(Date.from(Instant.parse("2019-12-19T22:59:59Z")), message, FETCHED);

		assertThat(time).isEqualTo(new ReceptionTime(Instant.parse("2019-12-19T22:59:59Z"), Source.INTERNALDATE));
	}

	@Test
	void withoutAnInternalDateTheTopmostReceivedStampCounts() throws Exception {
		MimeMessage message = message(
				"Received: from relay by mx.committee.example;\r\n\tThu, 19 Dec 2019 23:59:59 +0100\r\n"
						+ "Received: from laptop by relay; Thu, 19 Dec 2019 23:50:00 +0100\r\n"
						+ "Date: Mon, 2 Dec 2019 08:00:00 +0100\r\n");

		var time = ReceptionTime.of(null, message, FETCHED);

		assertThat(time).isEqualTo(new ReceptionTime(Instant.parse("2019-12-19T22:59:59Z"), Source.RECEIVED_HEADER));
	}

	@Test
	void aServerStampInJavasDateFormatIsReadToo() throws Exception {
		MimeMessage message = message("Received: from 127.0.0.1 (HELO localhost); Thu Dec 19 22:59:59 UTC 2019\r\n");

		assertThat(ReceptionTime.of(null, message, FETCHED).instant()).isEqualTo(Instant.parse("2019-12-19T22:59:59Z"));
	}

	@Test
	void theSendersDateIsTheLastResortAndSaysSo() throws Exception {
		MimeMessage message = message("Date: Mon, 2 Dec 2019 08:00:00 +0100\r\n");

		assertThat(ReceptionTime.of(null, message, FETCHED))
			.isEqualTo(new ReceptionTime(Instant.parse("2019-12-02T07:00:00Z"), Source.DATE_HEADER));
	}

	@Test
	void withNothingToGoByItIsTheFetchTime() throws Exception {
		MimeMessage message = message("Date: the day before yesterday\r\n");

		assertThat(ReceptionTime.of(null, message, FETCHED)).isEqualTo(new ReceptionTime(FETCHED, Source.FETCH_TIME));
	}

	private static MimeMessage message(String headers) throws Exception {
		String raw = headers + "From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n";
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes()));
	}

}
