package dev.backprop.engine;

/** A network definition that cannot be trained; {@link #field()} names the JSON path at fault. */
public class InvalidNetworkException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidNetworkException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The JSON path of the offending value, e.g. {@code layers[1].activation} or {@code loss}. */
  public String field() {
    return field;
  }
}
