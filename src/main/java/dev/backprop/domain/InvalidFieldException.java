package dev.backprop.domain;

import java.util.List;

/** A field of the request holds a value that cannot be used. */
public class InvalidFieldException extends DomainException {

  private static final long serialVersionUID = 1L;

  /** What the refused field describes; each has its own stable problem type. */
  public enum Subject {
    /** A request field that is not one of the others (job settings, query parameters). */
    REQUEST,
    /** A network definition or a model document. */
    NETWORK,
    /** A data set's contents. */
    DATASET,
    /** Rows sent for prediction or inference. */
    INPUT
  }

  private final Subject subject;

  public InvalidFieldException(Subject subject, String field, String message) {
    this(subject, field + ": " + message, List.of(new FieldError(field, message)));
  }

  public InvalidFieldException(Subject subject, String detail, List<FieldError> errors) {
    super(detail, errors);
    this.subject = subject;
  }

  public Subject subject() {
    return subject;
  }
}
