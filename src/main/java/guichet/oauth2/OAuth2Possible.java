package guichet.oauth2;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code auth: oauth2} needs a {@code registration} that names a Spring Security client
 * registration, and a {@code username} (the XOAUTH2 user). Checked while binding, before
 * the database or a mail server starts, so that a misspelt registration stops start-up
 * naming both.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OAuth2Possible.Validator.class)
public @interface OAuth2Possible {

	String message() default "is not a usable OAuth2 setting";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<OAuth2Possible, MailSignIn> {

		static final String REGISTRATIONS = "spring.security.oauth2.client.registration";

		private final Environment environment;

		public Validator(Environment environment) {
			this.environment = environment;
		}

		@Override
		public boolean isValid(MailSignIn settings, ConstraintValidatorContext context) {
			if (settings == null || settings.auth() != MailAuth.OAUTH2) {
				return true;
			}
			if (settings.registration() == null || settings.registration().isBlank()) {
				return refuse(context, "registration", "auth: oauth2 needs a registration naming one of "
						+ REGISTRATIONS + ".* (" + describe(registrations()) + ")");
			}
			Set<String> registrations = registrations();
			if (!registrations.contains(settings.registration())) {
				return refuse(context, "registration", "names no OAuth2 client registration: there is no "
						+ REGISTRATIONS + "." + settings.registration() + ".* (" + describe(registrations) + ")");
			}
			if (settings.username() == null || settings.username().isBlank()) {
				return refuse(context, "username",
						"auth: oauth2 needs the username to sign in as (the mailbox's address), sent as the XOAUTH2 user");
			}
			return true;
		}

		private Set<String> registrations() {
			Map<String, OAuth2ClientProperties.Registration> bound = Binder.get(environment)
				.bind(REGISTRATIONS, Bindable.mapOf(String.class, OAuth2ClientProperties.Registration.class))
				.orElse(Map.of());
			return new TreeSet<>(bound.keySet());
		}

		private static String describe(Set<String> registrations) {
			return registrations.isEmpty() ? "none is configured" : "configured: " + String.join(", ", registrations);
		}

		private static boolean refuse(ConstraintValidatorContext context, String property, String message) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
				.addPropertyNode(property)
				.addConstraintViolation();
			return false;
		}

	}

}
