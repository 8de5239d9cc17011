package dev.backprop.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A data set as the API describes it (the response of {@code POST}/{@code GET
 * /api/v1/datasets/...}).
 *
 * @param name the data set's name; null only for inline training data that was never stored
 * @param rows how many examples (rows) it holds
 * @param features the names of the feature columns, in column order
 * @param target the name of the target column
 * @param targetKind {@code categorical} (class labels) or {@code numeric}
 * @param classes the distinct labels of a categorical target, sorted; null for a numeric one
 * @param targetWidth numbers per target: 1, or k for targets given as vectors of k numbers
 * @param createdAt when it was stored; null only for inline training data
 * @param sizeBytes the bytes its stored features and targets take: float32 at most, one or two
 *     bytes for the columns whose values are small integers (class indices, counts, pixels)
 */
@Schema(name = "Dataset", description = "A stored data set: feature columns and a target column.")
public record DatasetInfo(
    @Schema(example = "iris") String name,
    @Schema(example = "150") int rows,
    @Schema(example = "[\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"]")
        List<String> features,
    @Schema(example = "species") String target,
    @Schema(example = "categorical") TargetKind targetKind,
    @Schema(
            nullable = true,
            example = "[\"setosa\", \"versicolor\", \"virginica\"]",
            description = "The distinct labels of a categorical target, sorted; null if numeric.")
        List<String> classes,
    @Schema(example = "1") int targetWidth,
    Instant createdAt,
    @Schema(example = "2555") long sizeBytes) {

  public DatasetInfo {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetKind, "targetKind");
    features = List.copyOf(features);
    if (rows < 1) {
      throw new IllegalArgumentException("a data set has at least one row, not " + rows);
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a data set has at least one feature column");
    }
    if (targetWidth < 1) {
      throw new IllegalArgumentException("targetWidth must be positive, not " + targetWidth);
    }
    if (targetKind == TargetKind.CATEGORICAL) {
      if (classes == null || classes.isEmpty() || targetWidth != 1) {
        throw new IllegalArgumentException("a categorical target has classes and a width of 1");
      }
      classes = List.copyOf(classes);
    } else if (classes != null) {
      throw new IllegalArgumentException("a numeric target has no classes");
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must not be negative");
    }
  }

  /** How many feature columns (inputs) each row has. */
  public int columns() {
    return features.size();
  }
}
