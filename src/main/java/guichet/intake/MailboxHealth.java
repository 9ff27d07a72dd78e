package guichet.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import guichet.intake.MailboxProperties.Mailbox;
import guichet.oauth2.AccessTokens;
import guichet.oauth2.XOAuth2;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

/**
 * Each mailbox's health ({@code /actuator/health}): last successful poll, messages seen
 * and stored, last error. A mailbox whose poll fails, hangs, or has not succeeded for
 * three poll intervals is DOWN; Camel's own consumer check would stay UP while a poll
 * hangs (CAMEL-26998), so this one watches the polls themselves.
 */
@Component("mailboxes")
public class MailboxHealth implements CompositeHealthContributor {

	static final int MISSED_POLLS_BEFORE_DOWN = 3;

	private final Map<String, Tracker> trackers = new ConcurrentHashMap<>();

	private final Mailboxes mailboxes;

	private final Clock clock;

	private final Instant startedAt;

	/** The tokens of the mailboxes signing in with OAuth2; null in tests without them. */
	private final AccessTokens tokens;

	@org.springframework.beans.factory.annotation.Autowired
	public MailboxHealth(Mailboxes mailboxes, AccessTokens tokens) {
		this(mailboxes, Clock.systemUTC(), tokens);
	}

	MailboxHealth(Mailboxes mailboxes, Clock clock) {
		this(mailboxes, clock, null);
	}

	MailboxHealth(Mailboxes mailboxes, Clock clock, AccessTokens tokens) {
		this.mailboxes = mailboxes;
		this.tokens = tokens;
		this.clock = clock;
		this.startedAt = clock.instant();
		mailboxes.all().forEach(mailbox -> trackers.put(mailbox.name(), new Tracker(mailbox)));
	}

	public void pollStarted(String mailbox) {
		tracker(mailbox).pollStartedAt = clock.instant();
	}

	public void pollSucceeded(String mailbox, int seen, int stored) {
		Tracker tracker = tracker(mailbox);
		tracker.pollEnded(clock.instant(), false);
		tracker.lastSuccess = clock.instant();
		tracker.pollStartedAt = null;
		tracker.lastError = null;
		tracker.xoauth2NotOffered = false;
		tracker.seen.addAndGet(seen);
		tracker.stored.addAndGet(stored);
	}

	public void pollFailed(String mailbox, Throwable error) {
		Tracker tracker = tracker(mailbox);
		tracker.pollEnded(clock.instant(), true);
		tracker.pollStartedAt = null;
		tracker.lastError = MessageLedger.describe(error);
		tracker.xoauth2NotOffered = XOAuth2.notOffered(error);
		tracker.lastErrorAt = clock.instant();
	}

	/**
	 * How many messages of the mailbox were left unsettled at the end of the last poll
	 * (metrics).
	 */
	void backlog(String mailbox, int count) {
		tracker(mailbox).backlog = count;
	}

	/** What the metrics show of each mailbox's polls (IntakeMetrics). */
	record PollFigures(long polls, long failures, double pollSeconds, double lastPollSeconds, long fetched,
			double secondsSinceLastSuccess, int backlog) {
	}

	PollFigures figures(String mailbox) {
		Tracker tracker = tracker(mailbox);
		Instant reference = tracker.lastSuccess != null ? tracker.lastSuccess : startedAt;
		return new PollFigures(tracker.polls.get(), tracker.failures.get(), tracker.pollNanos.get() / 1e9,
				tracker.lastPollNanos / 1e9, tracker.seen.get(),
				Duration.between(reference, clock.instant()).toMillis() / 1e3, tracker.backlog);
	}

	public void stored(String mailbox, int count) {
		tracker(mailbox).stored.addAndGet(count);
	}

	/** True once every mailbox has been polled successfully at least once. */
	public boolean allPolledOnce() {
		return trackers.values().stream().allMatch(tracker -> tracker.lastSuccess != null);
	}

	private Tracker tracker(String mailbox) {
		return trackers.computeIfAbsent(mailbox, name -> new Tracker(mailboxes.named(name)));
	}

	Health healthOf(String mailbox) {
		Tracker tracker = tracker(mailbox);
		Instant now = clock.instant();
		Duration allowance = tracker.mailbox.pollInterval().multipliedBy(MISSED_POLLS_BEFORE_DOWN);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("protocol", tracker.mailbox.protocol().store());
		details.put("host", tracker.mailbox.host());
		details.put("folder", tracker.mailbox.folder());
		details.put("lastSuccessfulPoll", tracker.lastSuccess);
		details.put("messagesSeen", tracker.seen.get());
		details.put("messagesStored", tracker.stored.get());
		if (tracker.lastError != null) {
			details.put("lastError", tracker.lastError);
			details.put("lastErrorAt", tracker.lastErrorAt);
		}
		Instant reference = tracker.lastSuccess != null ? tracker.lastSuccess : startedAt;
		boolean overdue = reference.plus(allowance).plus(Duration.ofSeconds(30)).isBefore(now);
		Instant pollStart = tracker.pollStartedAt;
		boolean hanging = pollStart != null && pollStart.plus(allowance).isBefore(now);
		if (hanging) {
			details.put("reason", "a poll has been running since " + pollStart);
			return Health.down().withDetails(details).build();
		}
		if (tracker.mailbox.usesOAuth2()) {
			details.put("auth", "oauth2 (registration " + tracker.mailbox.registration() + ")");
			if (tracker.xoauth2NotOffered) {
				details.put("token", "not sent: " + XOAuth2.NOT_OFFERED);
				details.put("reason", "the server lacks XOAUTH2");
				return Health.down().withDetails(details).build();
			}
			if (tokens != null) {
				AccessTokens.TokenStatus token = tokens.status(tracker.mailbox.registration(),
						tracker.mailbox.username());
				details.put("token", token.description());
				if (!token.healthy()) {
					details.put("reason", "no usable OAuth2 token: " + token.description());
					return Health.down().withDetails(details).build();
				}
			}
		}
		if (tracker.lastError != null) {
			details.put("reason", "the last poll failed");
			return Health.down().withDetails(details).build();
		}
		if (overdue) {
			details.put("reason", "no successful poll for " + MISSED_POLLS_BEFORE_DOWN + " poll intervals");
			return Health.down().withDetails(details).build();
		}
		return Health.up().withDetails(details).build();
	}

	@Override
	public HealthContributor getContributor(String name) {
		return trackers.containsKey(name) ? (HealthIndicator) () -> healthOf(name) : null;
	}

	@Override
	public java.util.Iterator<NamedContributor<HealthContributor>> iterator() {
		return trackers.keySet()
			.stream()
			.sorted()
			.map(name -> NamedContributor.of(name, (HealthContributor) (HealthIndicator) () -> healthOf(name)))
			.iterator();
	}

	private static final class Tracker {

		final Mailbox mailbox;

		final AtomicLong seen = new AtomicLong();

		final AtomicLong stored = new AtomicLong();

		volatile Instant lastSuccess;

		volatile Instant pollStartedAt;

		volatile String lastError;

		volatile Instant lastErrorAt;

		volatile boolean xoauth2NotOffered;

		final AtomicLong polls = new AtomicLong();

		final AtomicLong failures = new AtomicLong();

		final AtomicLong pollNanos = new AtomicLong();

		volatile long lastPollNanos;

		volatile int backlog;

		void pollEnded(Instant now, boolean failed) {
			Instant started = pollStartedAt;
			if (started != null) {
				long nanos = Duration.between(started, now).toNanos();
				polls.incrementAndGet();
				pollNanos.addAndGet(nanos);
				lastPollNanos = nanos;
			}
			if (failed) {
				failures.incrementAndGet();
			}
		}

		Tracker(Mailbox mailbox) {
			this.mailbox = mailbox;
		}

	}

}
