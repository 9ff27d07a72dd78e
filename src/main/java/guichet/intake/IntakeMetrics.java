package guichet.intake;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import guichet.intake.MailboxProperties.Mailbox;

import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Each mailbox's polls as metrics (docs/METRICS.md), read from {@link MailboxHealth},
 * which watches every poll: their number and duration, failures, messages fetched, time
 * since the last successful poll, and the backlog left.
 */
@Component
class IntakeMetrics implements MeterBinder {

	private final Mailboxes mailboxes;

	private final MailboxHealth health;

	IntakeMetrics(Mailboxes mailboxes, MailboxHealth health) {
		this.mailboxes = mailboxes;
		this.health = health;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Mailbox mailbox : mailboxes.all()) {
			String name = mailbox.name();
			Tags tags = Tags.of("mailbox", name);
			FunctionTimer
				.builder("guichet.intake.poll", health, h -> h.figures(name).polls(),
						h -> h.figures(name).pollSeconds(), TimeUnit.SECONDS)
				.description("Polls of the mailbox (fetch, filing, after-processing) and their time")
				.tags(tags)
				.register(registry);
			FunctionCounter.builder("guichet.intake.poll.failures", health, h -> h.figures(name).failures())
				.description("Polls that failed (server down, sign-in refused, database down)")
				.tags(tags)
				.register(registry);
			FunctionCounter.builder("guichet.intake.fetched", health, h -> h.figures(name).fetched())
				.description("Messages fetched from the mailbox")
				.tags(tags)
				.register(registry);
			Gauge.builder("guichet.intake.last.poll.duration", health, h -> h.figures(name).lastPollSeconds())
				.description("How long the last poll took")
				.baseUnit("seconds")
				.tags(tags)
				.register(registry);
			Gauge.builder("guichet.intake.since.last.success", health, h -> h.figures(name).secondsSinceLastSuccess())
				.description("Time since the last successful poll (since start-up before the first one)")
				.baseUnit("seconds")
				.tags(tags)
				.register(registry);
			Gauge.builder("guichet.intake.poll.interval", mailbox, m -> m.pollInterval().toMillis() / 1e3)
				.description("The mailbox's poll-interval setting, for alerts counted in polls")
				.baseUnit("seconds")
				.tags(tags)
				.register(registry);
			Gauge.builder("guichet.intake.backlog", health, h -> h.figures(name).backlog())
				.description("Messages in the mailbox not yet settled at the end of the last poll")
				.baseUnit("messages")
				.tags(tags)
				.register(registry);
		}
	}

}
