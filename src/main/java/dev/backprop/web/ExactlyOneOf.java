package dev.backprop.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;

/**
 * On a request record: exactly one of two alternative fields must be given. The violation names the
 * first field, so the client's {@code errors[].field} points at something it sent.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ExactlyOneOf.Validator.class)
public @interface ExactlyOneOf {

  /** The two alternative record components, e.g. {@code {"dataset", "data"}}. */
  String[] value();

  String message() default "";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Counts the given components that are not null. */
  final class Validator implements ConstraintValidator<ExactlyOneOf, Record> {
    private String first;
    private String second;

    @Override
    public void initialize(ExactlyOneOf annotation) {
      first = annotation.value()[0];
      second = annotation.value()[1];
    }

    @Override
    public boolean isValid(Record value, ConstraintValidatorContext context) {
      if (value == null || (given(value, first) != given(value, second))) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(
              "give either '" + first + "' or '" + second + "', exactly one of them")
          .addPropertyNode(first)
          .addConstraintViolation();
      return false;
    }

    private static boolean given(Record value, String component) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        if (c.getName().equals(component)) {
          try {
            return c.getAccessor().invoke(value) != null;
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
          }
        }
      }
      throw new IllegalStateException(value.getClass() + " has no component " + component);
    }
  }
}
