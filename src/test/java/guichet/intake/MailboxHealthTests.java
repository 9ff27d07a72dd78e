package guichet.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import guichet.intake.MailboxProperties.AfterProcessing;
import guichet.intake.MailboxProperties.Mailbox;
import guichet.intake.MailboxProperties.Protocol;

import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxHealthTests {

	static final Instant START = Instant.parse("2019-12-18T08:00:00Z");

	final Mailbox shared = new Mailbox("shared", Protocol.IMAPS, "imap.example.org", null, "applications", "secret",
			"INBOX", Duration.ofSeconds(60), AfterProcessing.KEEP, "Guichet/Processed");

	final MutableClock clock = new MutableClock(START);

	final MailboxHealth health = new MailboxHealth(new Mailboxes(List.of(shared), false), clock);

	@Test
	void aMailboxPolledSuccessfullyIsUpWithItsFigures() {
		health.pollStarted("shared");
		health.pollSucceeded("shared", 4, 3);

		var report = health.healthOf("shared");

		assertThat(report.getStatus()).isEqualTo(Status.UP);
		assertThat(report.getDetails()).containsEntry("messagesSeen", 4L).containsEntry("messagesStored", 3L);
	}

	@Test
	void aFailedPollTurnsTheMailboxDownWithTheReason() {
		health.pollFailed("shared", new jakarta.mail.AuthenticationFailedException("LOGIN failed"));

		var report = health.healthOf("shared");

		assertThat(report.getStatus()).isEqualTo(Status.DOWN);
		assertThat(report.getDetails().get("lastError").toString()).contains("LOGIN failed");
	}

	@Test
	void aPollThatHangsForThreeIntervalsTurnsTheMailboxDown() {
		health.pollSucceeded("shared", 0, 0);
		health.pollStarted("shared");

		clock.advance(Duration.ofSeconds(181));

		assertThat(health.healthOf("shared").getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.healthOf("shared").getDetails().get("reason").toString()).contains("running since");
	}

	@Test
	void aMailboxWithoutASuccessfulPollForThreeIntervalsIsDown() {
		health.pollSucceeded("shared", 0, 0);

		clock.advance(Duration.ofMinutes(10));

		assertThat(health.healthOf("shared").getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void aSuccessfulPollAfterAFailureBringsItBackUp() {
		health.pollFailed("shared", new IllegalStateException("connection refused"));

		health.pollSucceeded("shared", 1, 1);

		assertThat(health.healthOf("shared").getStatus()).isEqualTo(Status.UP);
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
