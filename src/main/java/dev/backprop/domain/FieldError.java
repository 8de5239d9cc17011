package dev.backprop.domain;

import java.util.Objects;

/**
 * One invalid field of a request, as listed in a problem detail's {@code errors} array.
 *
 * @param field the JSON path of the field, e.g. {@code layers[1].activation}
 * @param message why the value was refused
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
