package guichet.intake;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

import guichet.intake.MailboxProperties.Mailbox;

/**
 * What Camel's scheduler and the {@code polling} error handler need to know about each
 * poll of a mailbox route, kept out of {@code routes/intake.camel.yaml} so that its
 * {@code mailbox} template reads as the admin's steps (fetch new, file each, file
 * deferred, finish): the exchange property {@code mailbox} names the mailbox polled, and
 * the scheduler polls again at once (its {@code greedy} option) only when {@code finish}
 * answered that the mailbox may hold more. A poll that failed, or did not reach
 * {@code finish}, waits the poll interval.
 */
final class MailboxPollPolicy extends RoutePolicySupport {

	/** The property errors.camel.yaml reads to name the mailbox of a failed poll. */
	static final String MAILBOX = "mailbox";

	private final Map<String, String> mailboxByRouteId;

	MailboxPollPolicy(Mailboxes mailboxes) {
		this.mailboxByRouteId = mailboxes.all()
			.stream()
			.collect(Collectors.toMap(Mailbox::routeId, Mailbox::name, (first, second) -> first));
	}

	@Override
	public void onExchangeBegin(Route route, Exchange exchange) {
		String mailbox = mailboxByRouteId.get(route.getRouteId());
		if (mailbox != null) {
			exchange.setProperty(MAILBOX, mailbox);
		}
	}

	@Override
	public void onExchangeDone(Route route, Exchange exchange) {
		boolean finished = exchange.getException() == null && exchange.getProperty(Exchange.EXCEPTION_CAUGHT) == null
				&& Boolean.TRUE.equals(exchange.getMessage().getBody());
		exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, finished);
	}

}
