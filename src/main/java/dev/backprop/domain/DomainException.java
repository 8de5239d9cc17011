package dev.backprop.domain;

import java.util.List;

/**
 * A failure the client can act on. Its message is the detail a client reads: it says what was wrong
 * in the client's terms (field names, limits, names of things), never a Java class name.
 */
public abstract class DomainException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;

  protected DomainException(String detail, List<FieldError> errors) {
    super(detail);
    this.errors = List.copyOf(errors);
  }

  /** The fields that were refused and why; empty when no single field is to blame. */
  public List<FieldError> errors() {
    return errors;
  }
}
