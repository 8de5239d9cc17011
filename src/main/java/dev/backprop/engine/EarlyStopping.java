package dev.backprop.engine;

/**
 * Stop when the monitored loss (validation loss, or training loss without a validation part) has
 * not improved by more than {@code minDelta} for {@code patience} epochs; the best weights are
 * restored.
 */
public record EarlyStopping(int patience, double minDelta) {
  public EarlyStopping {
    if (patience < 1) {
      throw new IllegalArgumentException("earlyStopping.patience must be at least 1");
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new IllegalArgumentException("earlyStopping.minDelta must be finite and >= 0");
    }
  }
}
