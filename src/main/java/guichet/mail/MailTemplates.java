package guichet.mail;

import java.util.Locale;
import java.util.Map;

import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The mail Guichet writes, from Thymeleaf templates under {@code templates/mail/} (STYLE
 * §10): {@code name.html} in HTML mode, which escapes everything it is given, and
 * {@code name.txt} in TEXT mode, for the plain-text part. Words come from the bundles the
 * committee's pages use ({@code messages*.properties}): {@code #{key}} in a template.
 */
@Component
public class MailTemplates {

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	public MailTemplates(MessageSource messages) {
		this.engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
		this.engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
		this.engine.setTemplateEngineMessageSource(messages);
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	/**
	 * Renders {@code templates/mail/{template}}, such as {@code digest.html} or
	 * {@code digest.txt}.
	 */
	public String render(String template, Locale locale, Map<String, Object> variables) {
		return this.engine.process(template, new Context(locale, variables));
	}

}
