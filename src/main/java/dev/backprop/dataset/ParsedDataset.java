package dev.backprop.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated data set in the form it is held and stored in, before it has a name: metadata plus
 * its features and targets as {@link CompactColumns}, or, for a CSV upload, its targets and the
 * shape of its features, whose blocks were stored as they were parsed ({@link Columns.Written}).
 */
record ParsedDataset(
    List<String> featureNames,
    String target,
    TargetKind targetKind,
    List<String> classes,
    int targetWidth,
    int rows,
    Columns features,
    CompactColumns targets) {

  ParsedDataset {
    featureNames = List.copyOf(featureNames);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetKind, "targetKind");
    classes = classes == null ? null : List.copyOf(classes);
    if (features.rows() != rows
        || targets.rows() != rows
        || features.width() != featureNames.size()
        || targets.width() != targetWidth) {
      throw new IllegalArgumentException("the values do not match rows, columns and target width");
    }
  }

  long sizeBytes() {
    return features.sizeBytes() + targets.sizeBytes();
  }

  DatasetInfo info(String name, Instant createdAt) {
    return new DatasetInfo(
        name, rows, featureNames, target, targetKind, classes, targetWidth, createdAt, sizeBytes());
  }

  /** The features held in memory; not those of an upload whose blocks were stored as parsed. */
  CompactColumns heldFeatures() {
    if (features instanceof CompactColumns held) {
      return held;
    }
    throw new IllegalStateException("the features were stored as they were parsed");
  }

  /** The values, for training on data that is not stored. */
  DatasetData toData(String name, Instant createdAt) {
    return new DatasetData(info(name, createdAt), heldFeatures(), targets);
  }
}
