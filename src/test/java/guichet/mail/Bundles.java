package guichet.mail;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The words of the pages and mails as Spring Boot configures them
 * ({@code spring.messages} in application.yml), for tests that write mail without
 * starting Guichet.
 */
public final class Bundles {

	private Bundles() {
	}

	public static MessageSource messages() {
		var messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

	public static MailTemplates templates() {
		return new MailTemplates(messages());
	}

}
