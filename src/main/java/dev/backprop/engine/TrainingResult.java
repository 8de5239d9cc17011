package dev.backprop.engine;

import java.util.List;

/**
 * The trained model, the metrics of every epoch run, the epoch whose weights the model holds
 * ({@code bestEpoch}: the best epoch with early stopping, else the last), and whether early
 * stopping ended training before the configured epochs.
 */
public record TrainingResult(
    Model model, List<EpochMetrics> history, int bestEpoch, boolean stoppedEarly) {
  public TrainingResult {
    history = List.copyOf(history);
  }
}
