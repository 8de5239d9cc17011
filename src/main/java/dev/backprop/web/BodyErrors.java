package dev.backprop.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with a request body that could not be read, in the client's terms: which field
 * and what it should have been, or where the JSON stops being JSON. Jackson's own messages name
 * Java classes ({@code InferenceRequest$Input}) and parser tokens ({@code JsonToken.START_ARRAY});
 * they never reach a client. Both the problem details of {@code /api/v1} and the {@code { "error"
 * }} of {@code /v2} are written from here.
 */
public final class BodyErrors {

  /**
   * What was wrong with a body.
   *
   * @param field the field at fault, e.g. {@code inputs[0].shape}; {@code body} for the body as a
   *     whole
   * @param message what was wrong with it, e.g. {@code must be an array}
   */
  public record BodyError(String field, String message) {

    /** {@code field: message}, the one-line form used as a problem's detail or a /v2 error. */
    public String detail() {
      return field + ": " + message;
    }
  }

  private BodyErrors() {}

  /** The error of an unreadable body, whatever the reason it could not be read. */
  public static BodyError of(HttpMessageNotReadableException ex) {
    if (ex.getCause() instanceof JacksonException json) {
      return of(json);
    }
    return new BodyError("body", "is missing or cannot be read");
  }

  /** The error of a body Jackson refused. */
  public static BodyError of(JacksonException ex) {
    if (ex instanceof StreamConstraintsException) {
      return new BodyError(
          "body", "is nested too deeply or holds a number or string that is too long");
    }
    if (ex instanceof UnexpectedEndOfInputException) {
      return new BodyError("body", "ends before its JSON value is complete");
    }
    if (ex instanceof StreamReadException && !(ex instanceof InputCoercionException)) {
      return new BodyError(
          ex.getPath().isEmpty() ? "body" : JsonPaths.of(ex.getPath()),
          "is not valid JSON" + where(ex.getLocation()));
    }
    if (ex.getPath().isEmpty()) {
      // FAIL_ON_TRAILING_TOKENS has no exception type of its own, only this wording.
      String original = String.valueOf(ex.getOriginalMessage());
      if (ex instanceof MismatchedInputException && original.startsWith("Trailing token")) {
        return new BodyError("body", "must be exactly one JSON value, with nothing after it");
      }
      return new BodyError("body", JsonPaths.describe(ex));
    }
    return new BodyError(JsonPaths.of(ex.getPath()), JsonPaths.describe(ex));
  }

  private static String where(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
