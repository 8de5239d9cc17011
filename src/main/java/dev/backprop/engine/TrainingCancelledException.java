package dev.backprop.engine;

/** Thrown by the trainer when its cancellation check (between batches) says stop. */
public class TrainingCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingCancelledException(String message) {
    super(message);
  }
}
