package dev.backprop.web;

import java.net.URI;

/**
 * The stable {@code type} URIs of every problem detail the API answers. Clients may switch on them,
 * so a slug, once published, is never renamed.
 */
public final class ProblemTypes {

  /** Where the problem types are documented; every type URI starts with it. */
  public static final String BASE = "https://backprop.dev/problems/";

  public static final URI NOT_FOUND = of("not-found");
  public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
  public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
  public static final URI NOT_ACCEPTABLE = of("not-acceptable");
  public static final URI MALFORMED_REQUEST = of("malformed-request");
  public static final URI VALIDATION_FAILED = of("validation-failed");
  public static final URI INVALID_NETWORK = of("invalid-network");
  public static final URI INVALID_DATASET = of("invalid-dataset");
  public static final URI INVALID_INPUT = of("invalid-input");
  public static final URI CONFLICT = of("conflict");
  public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
  public static final URI LIMIT_EXCEEDED = of("limit-exceeded");
  public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");
  public static final URI UNAUTHORIZED = of("unauthorized");
  public static final URI FORBIDDEN = of("forbidden");
  public static final URI TRAINING_FAILED = of("training-failed");
  public static final URI TRAINING_TIMED_OUT = of("training-timed-out");
  public static final URI TRAINING_ABANDONED = of("training-abandoned");
  public static final URI TRAINING_DIVERGED = of("training-diverged");
  public static final URI TRAINING_INPUT_MISSING = of("training-input-missing");
  public static final URI TRAINING_INPUT_INVALID = of("training-input-invalid");
  public static final URI INTERNAL_ERROR = of("internal-error");

  private ProblemTypes() {}

  private static URI of(String slug) {
    return URI.create(BASE + slug);
  }
}
