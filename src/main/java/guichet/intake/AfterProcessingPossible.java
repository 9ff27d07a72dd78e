package guichet.intake;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import guichet.intake.MailboxProperties.Mailbox;

/**
 * A mailbox's {@code after-processing} must be something its protocol can do: POP3 has no
 * flags and no folders, so only KEEP and DELETE mean something there. Checked while
 * binding, before anything starts.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AfterProcessingPossible.Validator.class)
@interface AfterProcessingPossible {

	String message() default "is not possible with POP3, which has no flags or folders: use KEEP or DELETE";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<AfterProcessingPossible, Mailbox> {

		@Override
		public boolean isValid(Mailbox mailbox, ConstraintValidatorContext context) {
			if (mailbox == null || mailbox.protocol() == null || mailbox.afterProcessing() == null
					|| mailbox.protocol().allows(mailbox.afterProcessing())) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
				.addPropertyNode("afterProcessing")
				.addConstraintViolation();
			return false;
		}

	}

}
