package guichet.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A TCP port; 0 asks the system for a free one. */
@Documented
@Min(0)
@Max(65535)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
public @interface PortNumber {

	String message() default "must be a port number between 0 and 65535";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
