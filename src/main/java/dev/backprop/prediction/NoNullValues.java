package dev.backprop.prediction;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * On {@link InputValues}: no row and no value is null. Each null is one violation at its place
 * ({@code inputs[1]}, {@code inputs[0][2]}), with {@code @NotNull}'s message, as the element
 * constraints of the {@code List<@NotNull List<@NotNull Double>>} that {@code inputs} used to be
 * reported them.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NoNullValues.Validator.class)
@interface NoNullValues {

  String message() default "{jakarta.validation.constraints.NotNull.message}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** One violation per null the reader noted. */
  final class Validator implements ConstraintValidator<NoNullValues, InputValues> {

    @Override
    public boolean isValid(InputValues inputs, ConstraintValidatorContext context) {
      if (inputs == null || inputs.nulls().isEmpty()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      String message = context.getDefaultConstraintMessageTemplate();
      for (int[] at : inputs.nulls()) {
        var row =
            context
                .buildConstraintViolationWithTemplate(message)
                .addContainerElementNode("<list element>", List.class, 0)
                .inIterable()
                .atIndex(at[0]);
        if (at[1] >= 0) {
          row.addContainerElementNode("<list element>", List.class, 0)
              .inIterable()
              .atIndex(at[1])
              .addConstraintViolation();
        } else {
          row.addConstraintViolation();
        }
      }
      return false;
    }
  }
}
