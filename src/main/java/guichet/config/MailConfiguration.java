package guichet.config;

import java.util.Arrays;

import guichet.application.CommitteeProperties;
import guichet.intake.MailboxProperties;
import guichet.intake.Mailboxes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Which mailboxes are polled: the configured ones, or, with none, those of the embedded
 * mail server.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	@Bean(destroyMethod = "close")
	@Conditional(NoMailboxConfigured.class)
	EmbeddedMailServer embeddedMailServer(EmbeddedProperties embedded, CommitteeProperties committee) {
		return new EmbeddedMailServer(embedded, committee);
	}

	@Bean
	Mailboxes pollableMailboxes(MailboxProperties configured, ObjectProvider<EmbeddedMailServer> embedded) {
		EmbeddedMailServer server = embedded.getIfAvailable();
		if (server != null) {
			return new Mailboxes(server.mailboxes(), true);
		}
		return new Mailboxes(configured.mailboxes(), false);
	}

	/**
	 * True when no {@code guichet.mailboxes[…]} property is set, from any source (file,
	 * environment, command line).
	 */
	static class NoMailboxConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (context.getEnvironment() instanceof ConfigurableEnvironment environment) {
				for (var source : environment.getPropertySources()) {
					if (source instanceof EnumerablePropertySource<?> enumerable && Arrays
						.stream(enumerable.getPropertyNames())
						.anyMatch(
								name -> name.startsWith("guichet.mailboxes") || name.startsWith("GUICHET_MAILBOXES"))) {
						return false;
					}
				}
			}
			return true;
		}

	}

}
