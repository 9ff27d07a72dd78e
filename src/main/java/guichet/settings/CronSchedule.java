package guichet.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/**
 * A Spring cron of six fields (second minute hour day month weekday), or {@code -} for
 * never.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CronSchedule.Validator.class)
public @interface CronSchedule {

	String message() default "must be a cron of six fields (second minute hour day month weekday) such as "
			+ "\"0 30 3 * * *\" (every day at 03:30), or - for never";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<CronSchedule, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || Scheduled.CRON_DISABLED.equals(value) || CronExpression.isValidExpression(value);
		}

	}

}
