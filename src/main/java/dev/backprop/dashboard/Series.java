package dev.backprop.dashboard;

import dev.backprop.training.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One curve of a job's chart: a metric per epoch, drawn on the loss axis or the accuracy axis.
 *
 * @param label what the legend calls it
 * @param colour its stroke colour
 * @param dashed whether its line is dashed (the accuracies are, so the two axes read apart)
 * @param accuracy whether it belongs to the accuracy axis (0 to 1, right) rather than the loss axis
 * @param epochs the epochs, ascending
 * @param values the metric at each epoch; NaN or infinite where the epoch's value was not finite
 */
record Series(
    String label,
    String colour,
    boolean dashed,
    boolean accuracy,
    double[] epochs,
    double[] values) {

  static final String TRAINING_COLOUR = "#1f6fd1";
  static final String VALIDATION_COLOUR = "#d9480f";

  /**
   * The curves a history holds: the loss always, the others only when some epoch reports them (a
   * validation split, a classifier).
   */
  static List<Series> of(List<EpochRecord> history) {
    List<Series> series = new ArrayList<>(4);
    series.add(series(history, "loss", TRAINING_COLOUR, false, false, EpochRecord::loss));
    addIfReported(
        series,
        history,
        "validation loss",
        VALIDATION_COLOUR,
        false,
        false,
        EpochRecord::validationLoss);
    addIfReported(series, history, "accuracy", TRAINING_COLOUR, true, true, EpochRecord::accuracy);
    addIfReported(
        series,
        history,
        "validation accuracy",
        VALIDATION_COLOUR,
        true,
        true,
        EpochRecord::validationAccuracy);
    return List.copyOf(series);
  }

  /** How many values are NaN or infinite. */
  int nonFinite() {
    int count = 0;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        count++;
      }
    }
    return count;
  }

  private static void addIfReported(
      List<Series> series,
      List<EpochRecord> history,
      String label,
      String colour,
      boolean dashed,
      boolean accuracy,
      Function<EpochRecord, Double> metric) {
    if (history.stream().anyMatch(e -> metric.apply(e) != null)) {
      series.add(series(history, label, colour, dashed, accuracy, metric));
    }
  }

  private static Series series(
      List<EpochRecord> history,
      String label,
      String colour,
      boolean dashed,
      boolean accuracy,
      Function<EpochRecord, Double> metric) {
    double[] epochs = new double[history.size()];
    double[] values = new double[history.size()];
    for (int i = 0; i < epochs.length; i++) {
      EpochRecord e = history.get(i);
      epochs[i] = e.epoch();
      Double v = metric.apply(e);
      values[i] = v == null ? Double.NaN : v;
    }
    return new Series(label, colour, dashed, accuracy, epochs, values);
  }
}
