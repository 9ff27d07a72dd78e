package guichet.intake;

import java.util.Locale;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.settings.InvalidSettingException;
import guichet.intake.MailboxProperties.Mailbox;

import org.springframework.stereotype.Component;

/**
 * One intake route per mailbox, each made from the {@code mailbox} route template of {@code routes/intake.camel.yaml},
 * so that admins change how every mailbox is polled in one YAML file.
 */
@Component
class MailboxRoutes implements CamelContextConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MailboxRoutes.class);

	static final String TEMPLATE = "mailbox";

	private final Mailboxes mailboxes;

	MailboxRoutes(Mailboxes mailboxes) {
		this.mailboxes = mailboxes;
		for (int i = 0; i < mailboxes.all().size(); i++) {
			refuseImpossibleAfterProcessing(i, mailboxes.all().get(i));
		}
	}

	/** Configured mailboxes are checked while binding (AfterProcessingPossible); this also covers the others. */
	private void refuseImpossibleAfterProcessing(int index, Mailbox mailbox) {
		if (!mailbox.protocol().allows(mailbox.afterProcessing())) {
			throw new InvalidSettingException("guichet.mailboxes[%d].after-processing".formatted(index),
					mailbox.afterProcessing(), "is not possible with %s (POP3 has no flags or folders): use KEEP or DELETE"
						.formatted(mailbox.protocol().name().toLowerCase(Locale.ROOT)));
		}
	}

	@Override
	public void beforeApplicationStart(CamelContext camelContext) {
	}

	@Override
	public void afterApplicationStart(CamelContext camelContext) {
		if (!camelContext.isAutoStartup()) {
			// a Guichet that starts no route (java -jar guichet.jar import) polls no mailbox either
			return;
		}
		addMailboxRoutes(camelContext);
		// Live reloading (guichet.routes.reload) replaces the routes of the YAML files, but not those made here from
		// the template: once the last reloaded route is in, make them again from the (perhaps edited) template.
		camelContext.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
			@Override
			public void notify(CamelEvent event) {
				if (event instanceof CamelEvent.RouteReloadedEvent reloaded && reloaded.getIndex() == reloaded.getTotal()) {
					addMailboxRoutes(camelContext);
				}
			}
		});
	}

	private synchronized void addMailboxRoutes(CamelContext camelContext) {
		for (Mailbox mailbox : mailboxes.all()) {
			if (camelContext.getRoute(mailbox.routeId()) != null) {
				try {
					camelContext.getRouteController().stopRoute(mailbox.routeId());
					camelContext.removeRoute(mailbox.routeId());
				}
				catch (Exception ex) {
					throw new IllegalStateException("Could not replace route " + mailbox.routeId(), ex);
				}
			}
			TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
				.routeId(mailbox.routeId())
				.parameter("name", mailbox.name())
				.parameter("scheduler", mailbox.routeId())
				.parameter("delay", String.valueOf(mailbox.pollInterval().toMillis()))
				.add();
			log.debug("Route {} polls {}", mailbox.routeId(), mailbox);
		}
	}

}
