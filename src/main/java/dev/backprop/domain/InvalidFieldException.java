package dev.backprop.domain;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

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

  /**
   * The same refusal with its fields renamed, for a caller that nests the checked value under
   * another name (a model document's {@code network.layers[0]}, inline data's {@code
   * data.features}). A detail that lists the fields ({@code field: message; ...}) follows the new
   * names; any other detail is kept.
   */
  public InvalidFieldException renamed(UnaryOperator<String> rename) {
    List<FieldError> renamed =
        errors().stream().map(e -> new FieldError(rename.apply(e.field()), e.message())).toList();
    String detail =
        getMessage().equals(listing(errors())) && !renamed.isEmpty()
            ? listing(renamed)
            : getMessage();
    return new InvalidFieldException(subject, detail, renamed);
  }

  private static String listing(List<FieldError> errors) {
    return errors.stream()
        .map(e -> e.field() + ": " + e.message())
        .collect(Collectors.joining("; "));
  }
}
