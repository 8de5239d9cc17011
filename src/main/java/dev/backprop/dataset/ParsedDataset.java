package dev.backprop.dataset;

import java.util.List;
import java.util.Objects;

/**
 * A validated data set in its stored form, before it has a name: metadata plus the two float32
 * blobs (see {@link Float32}).
 */
record ParsedDataset(
    List<String> featureNames,
    String target,
    TargetKind targetKind,
    List<String> classes,
    int targetWidth,
    int rows,
    byte[] features,
    byte[] targets) {

  ParsedDataset {
    featureNames = List.copyOf(featureNames);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetKind, "targetKind");
    classes = classes == null ? null : List.copyOf(classes);
    if ((long) rows * featureNames.size() * Float.BYTES != features.length
        || (long) rows * targetWidth * Float.BYTES != targets.length) {
      throw new IllegalArgumentException("blob sizes do not match rows, columns and target width");
    }
  }

  long sizeBytes() {
    return (long) features.length + targets.length;
  }

  DatasetInfo info(String name, java.time.Instant createdAt) {
    return new DatasetInfo(
        name, rows, featureNames, target, targetKind, classes, targetWidth, createdAt, sizeBytes());
  }

  /** The values as rows, for training on data that is not stored. */
  DatasetData toData(String name, java.time.Instant createdAt) {
    return new DatasetData(
        info(name, createdAt),
        Float32.decode(features, rows, featureNames.size()),
        Float32.decode(targets, rows, targetWidth));
  }
}
