package dev.backprop.search;

import dev.backprop.network.VersionMetrics;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** What a search ranks its candidates by: a loss (lower is better) or an accuracy (higher). */
enum SearchMetric {
  VALIDATION_LOSS("validationLoss", true, true, VersionMetrics::validationLoss),
  VALIDATION_ACCURACY("validationAccuracy", false, true, VersionMetrics::validationAccuracy),
  LOSS("loss", true, false, VersionMetrics::loss),
  ACCURACY("accuracy", false, false, VersionMetrics::accuracy);

  static final SearchMetric DEFAULT = VALIDATION_LOSS;

  private final String apiName;
  private final boolean lowerIsBetter;
  private final boolean needsValidation;
  private final Function<VersionMetrics, Double> read;

  SearchMetric(
      String apiName,
      boolean lowerIsBetter,
      boolean needsValidation,
      Function<VersionMetrics, Double> read) {
    this.apiName = apiName;
    this.lowerIsBetter = lowerIsBetter;
    this.needsValidation = needsValidation;
    this.read = read;
  }

  String apiName() {
    return apiName;
  }

  boolean needsValidation() {
    return needsValidation;
  }

  /**
   * The metric's value for a candidate's kept epoch; empty when it has none or it is not finite.
   */
  Optional<Double> of(VersionMetrics metrics) {
    Double value = metrics == null ? null : read.apply(metrics);
    return value == null || !Double.isFinite(value) ? Optional.empty() : Optional.of(value);
  }

  /** Negative when {@code a} is the better value. */
  int compare(double a, double b) {
    return lowerIsBetter ? Double.compare(a, b) : Double.compare(b, a);
  }

  static Optional<SearchMetric> fromName(String name) {
    return Arrays.stream(values()).filter(m -> m.apiName.equals(name)).findFirst();
  }

  static String names() {
    return String.join(", ", Arrays.stream(values()).map(SearchMetric::apiName).toList());
  }
}
