package dev.backprop.web;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's failure paths into the field names clients see, e.g. {@code layers[1].units}. */
final class JsonPaths {

  private JsonPaths() {}

  static String of(List<JacksonException.Reference> path) {
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

  static String describe(JacksonException ex) {
    if (ex instanceof UnrecognizedPropertyException) {
      return "is not a known field";
    }
    if (ex instanceof InvalidFormatException invalid) {
      return "'" + invalid.getValue() + "' is not a valid " + typeName(invalid.getTargetType());
    }
    if (ex instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return "must be " + article(typeName(mismatched.getTargetType()));
    }
    // Errors raised by constructors of request records carry their own message.
    Throwable cause = ex.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    return ex.getOriginalMessage();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "integer";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == String.class || type.isEnum()) {
      return "string";
    }
    if (type.isArray() || List.class.isAssignableFrom(type)) {
      return "array";
    }
    return "object";
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
