package dev.backprop.web;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.DomainException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.domain.NotReadyException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The one table from what went wrong to what a client is told. A {@link DomainException} (with its
 * subject or limit) maps to a status, a problem type and a title; a bare status (what Spring MVC,
 * Spring Security or Tomcat refuse on their own) maps to a problem type. Every error answer of the
 * API, a problem detail on {@code /api/v1} or {@code { "error" }} on {@code /v2}, takes its status
 * and type from here, so the two always agree.
 */
public final class Problems {

  /**
   * How one kind of failure is answered.
   *
   * @param status the HTTP status
   * @param type the stable problem type URI, from {@link ProblemTypes}
   * @param title the short summary of that kind of failure
   */
  public record Problem(HttpStatus status, URI type, String title) {}

  /**
   * The status a failed training job's problem detail carries, whatever its type: the request that
   * reads the job was fine; the job itself could not be carried out as asked.
   */
  private static final HttpStatus FAILED_JOB = HttpStatus.UNPROCESSABLE_CONTENT;

  private static final Map<Integer, URI> TYPES_BY_STATUS =
      Map.ofEntries(
          Map.entry(400, ProblemTypes.MALFORMED_REQUEST),
          Map.entry(401, ProblemTypes.UNAUTHORIZED),
          Map.entry(403, ProblemTypes.FORBIDDEN),
          Map.entry(404, ProblemTypes.NOT_FOUND),
          Map.entry(405, ProblemTypes.METHOD_NOT_ALLOWED),
          Map.entry(406, ProblemTypes.NOT_ACCEPTABLE),
          Map.entry(409, ProblemTypes.CONFLICT),
          Map.entry(413, ProblemTypes.PAYLOAD_TOO_LARGE),
          Map.entry(415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE),
          Map.entry(503, ProblemTypes.SERVICE_UNAVAILABLE));

  /** A body that cannot be read at all (not JSON, a broken multipart): no field to blame. */
  static final Problem MALFORMED_BODY =
      new Problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request body");

  private static final Problem NOT_FOUND =
      new Problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found");
  private static final Problem CONFLICT =
      new Problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict");
  private static final Problem NOT_READY =
      new Problem(
          HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable");

  private Problems() {}

  /** How a domain exception is answered. */
  public static Problem of(DomainException ex) {
    if (ex instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (ex instanceof ConflictException) {
      return CONFLICT;
    }
    if (ex instanceof InvalidFieldException invalid) {
      return invalid(invalid.subject());
    }
    if (ex instanceof LimitExceededException limit) {
      return limit(limit.limit());
    }
    if (ex instanceof NotReadyException) {
      return NOT_READY;
    }
    throw new IllegalArgumentException("no problem type for " + ex.getClass().getName());
  }

  /** An invalid field: always a 400, typed by what the field describes. */
  static Problem invalid(InvalidFieldException.Subject subject) {
    URI type =
        switch (subject) {
          case REQUEST -> ProblemTypes.VALIDATION_FAILED;
          case NETWORK -> ProblemTypes.INVALID_NETWORK;
          case DATASET -> ProblemTypes.INVALID_DATASET;
          case INPUT -> ProblemTypes.INVALID_INPUT;
        };
    return new Problem(HttpStatus.BAD_REQUEST, type, "Invalid request");
  }

  /** A limit passed: the status says whether the same request can succeed later. */
  static Problem limit(LimitExceededException.Limit limit) {
    return switch (limit) {
      case VALUE ->
          new Problem(HttpStatus.BAD_REQUEST, ProblemTypes.LIMIT_EXCEEDED, "Limit exceeded");
      case SIZE ->
          new Problem(
              HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Limit exceeded");
      case QUEUE ->
          new Problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.LIMIT_EXCEEDED, "Limit exceeded");
    };
  }

  /**
   * The problem type of an error that is a bare status: one this table names, else {@code
   * internal-error} for a 5xx and {@code malformed-request} for any other 4xx.
   */
  public static URI typeOf(int status) {
    URI type = TYPES_BY_STATUS.get(status);
    if (type != null) {
      return type;
    }
    return status >= 500 ? ProblemTypes.INTERNAL_ERROR : ProblemTypes.MALFORMED_REQUEST;
  }

  /** The answer to a bare status: its type from the table, its reason phrase as the title. */
  public static Problem ofStatus(HttpStatus status) {
    return new Problem(status, typeOf(status.value()), status.getReasonPhrase());
  }

  /** The status of a failed training job's problem detail, as a number for its JSON. */
  public static int failedJobStatus() {
    return FAILED_JOB.value();
  }
}
