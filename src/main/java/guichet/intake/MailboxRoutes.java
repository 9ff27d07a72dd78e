package guichet.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.settings.InvalidSettingException;
import guichet.intake.MailboxProperties.Mailbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One intake route per mailbox, each made from the {@code mailbox} route template of
 * {@code routes/intake.camel.yaml}, so that admins change how every mailbox is polled in
 * one YAML file.
 */
@Component
class MailboxRoutes implements CamelContextConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MailboxRoutes.class);

	static final String TEMPLATE = "mailbox";

	private final Mailboxes mailboxes;

	private final MailboxPollPolicy pollPolicy;

	/**
	 * {@code guichet.routes.reload}: Camel's own reloading stays off,
	 * {@link GuardedRouteReload} replaces it.
	 */
	private final boolean reload;

	private final String reloadDirectory;

	private final String reloadPattern;

	private final RouteReloadHealth reloadHealth;

	MailboxRoutes(Mailboxes mailboxes, RouteReloadHealth reloadHealth,
			@Value("${guichet.routes.reload:false}") boolean reload,
			@Value("${camel.main.routes-reload-directory:routes}") String reloadDirectory,
			@Value("${camel.main.routes-reload-pattern:*.camel.yaml}") String reloadPattern) {
		this.mailboxes = mailboxes;
		this.pollPolicy = new MailboxPollPolicy(mailboxes);
		this.reloadHealth = reloadHealth;
		this.reload = reload;
		this.reloadDirectory = reloadDirectory;
		this.reloadPattern = reloadPattern;
		for (int i = 0; i < mailboxes.all().size(); i++) {
			refuseImpossibleAfterProcessing(i, mailboxes.all().get(i));
		}
	}

	/**
	 * Configured mailboxes are checked while binding (AfterProcessingPossible); this also
	 * covers the others.
	 */
	private void refuseImpossibleAfterProcessing(int index, Mailbox mailbox) {
		if (!mailbox.protocol().allows(mailbox.afterProcessing())) {
			throw new InvalidSettingException("guichet.mailboxes[%d].after-processing".formatted(index),
					mailbox.afterProcessing(),
					"is not possible with %s (POP3 has no flags or folders): use KEEP or DELETE"
						.formatted(mailbox.protocol().name().toLowerCase(Locale.ROOT)));
		}
	}

	@Override
	public void beforeApplicationStart(CamelContext camelContext) {
	}

	@Override
	public void afterApplicationStart(CamelContext camelContext) {
		if (!camelContext.isAutoStartup()) {
			// a Guichet that starts no route (java -jar guichet.jar import) polls no
			// mailbox either
			return;
		}
		addMailboxRoutes(camelContext);
		if (this.reload) {
			try {
				camelContext.addService(
						new GuardedRouteReload(this.reloadDirectory, this.reloadPattern, this, this.reloadHealth));
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not watch " + this.reloadDirectory + " for route edits", ex);
			}
		}
	}

	/**
	 * Makes (again) one route per mailbox from the {@code mailbox} template as it is now.
	 */
	synchronized void addMailboxRoutes(CamelContext camelContext) {
		RouteTemplateDefinition template = ((ModelCamelContext) camelContext).getRouteTemplateDefinition(TEMPLATE);
		if (template == null) {
			throw new IllegalStateException("No route template '" + TEMPLATE + "' in routes/*.camel.yaml");
		}
		// set, not added: the template is the same object until the next reload of its
		// file
		template.getRoute().setRoutePolicies(new ArrayList<>(List.of(pollPolicy)));
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
