package dev.backprop.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's failure paths into the field names clients see, e.g. {@code layers[1].units}. */
public final class JsonPaths {

  private JsonPaths() {}

  public static String of(List<JacksonException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JacksonException.Reference ref : path) {
      if (ref.getPropertyName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        field.append('[').append(ref.getIndex()).append(']');
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }

  /**
   * What was wrong with the value at the failure's path, in JSON terms. Never Jackson's own
   * message, which names Java types and parser tokens.
   */
  public static String describe(JacksonException ex) {
    if (ex instanceof UnrecognizedPropertyException) {
      return "is not a known field";
    }
    if (ex instanceof InvalidNullException) {
      return "must not be null";
    }
    if (ex instanceof InvalidFormatException invalid) {
      Class<?> type = invalid.getTargetType();
      return type != null && type.isEnum()
          ? "'" + invalid.getValue() + "' is not one of " + constants(type)
          : "'" + invalid.getValue() + "' is not a valid " + typeName(type);
    }
    if (ex instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return "must be " + article(typeName(mismatched.getTargetType()));
    }
    if (ex instanceof InputCoercionException coercion) {
      return "is out of range for " + article(typeName(coercion.getTargetType()));
    }
    // Errors raised by constructors of request records carry their own message.
    Throwable cause = ex.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    return "has a value that cannot be used here";
  }

  /** The JSON kind of a Java type: integer, number, boolean, string, array or object. */
  static String typeName(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return "integer";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class
        || Number.class.isAssignableFrom(type)) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == String.class || type.isEnum() || CharSequence.class.isAssignableFrom(type)) {
      return "string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "array";
    }
    return "object";
  }

  /** The values an enum accepts, as a client writes them. */
  static String constants(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(String::valueOf)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
