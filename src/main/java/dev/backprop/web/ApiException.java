package dev.backprop.web;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.DomainException;
import dev.backprop.domain.FieldError;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.NotFoundException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on. Feature packages throw subclasses (or this class) and the one
 * {@link ProblemDetailsAdvice} turns them into RFC 9457 problem details.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final URI type;
  private final String title;
  private final List<FieldError> errors;

  public ApiException(HttpStatus status, URI type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  public ApiException(
      HttpStatus status, URI type, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** A resource that does not exist, e.g. {@code network 'iris'}. */
  public static ApiException notFound(String what) {
    return new ApiException(
        HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", what + " does not exist");
  }

  /** A request that contradicts the current state, such as a name already taken. */
  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail);
  }

  /** A request whose field holds a value that cannot be used. */
  public static ApiException invalidField(URI type, String field, String message) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        type,
        "Invalid request",
        field + ": " + message,
        List.of(new FieldError(field, message)));
  }

  /** A request over one of the configured limits; the detail names the limit. */
  public static ApiException limitExceeded(HttpStatus status, String field, String message) {
    return new ApiException(
        status,
        status == HttpStatus.CONTENT_TOO_LARGE
            ? ProblemTypes.PAYLOAD_TOO_LARGE
            : ProblemTypes.LIMIT_EXCEEDED,
        "Limit exceeded",
        message,
        field == null ? List.of() : List.of(new FieldError(field, message)));
  }

  /**
   * The answer a domain failure stands for, as the ApiException it replaces. An interim bridge so
   * that converted services answer exactly as before; the one table of domain failures in {@code
   * web} replaces it.
   */
  public static ApiException from(DomainException e) {
    if (e instanceof NotFoundException) {
      return new ApiException(
          HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", e.getMessage());
    }
    if (e instanceof ConflictException) {
      return new ApiException(
          HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", e.getMessage());
    }
    if (e instanceof InvalidFieldException invalid) {
      URI type =
          switch (invalid.subject()) {
            case REQUEST -> ProblemTypes.VALIDATION_FAILED;
            case NETWORK -> ProblemTypes.INVALID_NETWORK;
            case DATASET -> ProblemTypes.INVALID_DATASET;
            case INPUT -> ProblemTypes.INVALID_INPUT;
          };
      return new ApiException(
          HttpStatus.BAD_REQUEST, type, "Invalid request", e.getMessage(), e.errors());
    }
    if (e instanceof LimitExceededException limit) {
      HttpStatus status =
          switch (limit.limit()) {
            case VALUE -> HttpStatus.BAD_REQUEST;
            case SIZE -> HttpStatus.CONTENT_TOO_LARGE;
            case QUEUE -> HttpStatus.TOO_MANY_REQUESTS;
          };
      return new ApiException(
          status,
          status == HttpStatus.CONTENT_TOO_LARGE
              ? ProblemTypes.PAYLOAD_TOO_LARGE
              : ProblemTypes.LIMIT_EXCEEDED,
          "Limit exceeded",
          e.getMessage(),
          e.errors());
    }
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemTypes.SERVICE_UNAVAILABLE,
        "Service unavailable",
        e.getMessage());
  }
}
