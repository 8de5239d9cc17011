package dev.backprop.domain;

import java.util.List;

/** The request is over one of the configured limits; the detail names the limit's property. */
public class LimitExceededException extends DomainException {

  private static final long serialVersionUID = 1L;

  /** Which kind of limit: they differ in whether the same request can succeed later. */
  public enum Limit {
    /** A value in the request is too large (layer width, epochs, rows); never succeeds as is. */
    VALUE,
    /** The request body is too large; never succeeds as is. */
    SIZE,
    /** A queue of waiting work is full; the same request may succeed later. */
    QUEUE
  }

  private final Limit limit;

  public LimitExceededException(Limit limit, String field, String message) {
    super(message, field == null ? List.of() : List.of(new FieldError(field, message)));
    this.limit = limit;
  }

  public Limit limit() {
    return limit;
  }
}
