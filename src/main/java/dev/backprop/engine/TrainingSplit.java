package dev.backprop.engine;

import java.util.SplittableRandom;

/**
 * The rows of one training run as flat row-major arrays: a seeded permutation of the data puts the
 * last round(n · validationSplit) rows aside for validation (at least one row stays for training),
 * then the inputs are standardised, with a warm start's standardisation if it has one, else (with
 * config.standardize) one fitted on the training part only.
 */
final class TrainingSplit {
  final float[] x;
  final float[] y;
  final float[] validX;
  final float[] validY;
  final int trainRows;
  final int validationRows;
  final Standardization standardization;

  private TrainingSplit(
      float[] x,
      float[] y,
      float[] validX,
      float[] validY,
      int trainRows,
      int validationRows,
      Standardization standardization) {
    this.x = x;
    this.y = y;
    this.validX = validX;
    this.validY = validY;
    this.trainRows = trainRows;
    this.validationRows = validationRows;
    this.standardization = standardization;
  }

  static TrainingSplit of(TrainingData data, TrainingConfig config, Standardization warmStart) {
    int n = data.rows();
    int[] order = identity(n);
    int validationRows = 0;
    if (config.validationSplit() > 0) {
      validationRows = (int) Math.min(n - 1L, Math.round(n * config.validationSplit()));
      shuffle(order, new SplittableRandom(config.seed() ^ 0x5DEECE66DL));
    }
    int trainRows = n - validationRows;
    float[] x = gather(data.features(), order, 0, trainRows, "features");
    float[] validX = gather(data.features(), order, trainRows, n, "features");
    Standardization standardization = warmStart;
    if (standardization == null && config.standardize()) {
      standardization = Standardization.fit(x, trainRows, data.features().width());
    }
    if (standardization != null) {
      standardization.applyInPlace(x, trainRows);
      standardization.applyInPlace(validX, validationRows);
    }
    return new TrainingSplit(
        x,
        gather(data.targets(), order, 0, trainRows, "targets"),
        validX,
        gather(data.targets(), order, trainRows, n, "targets"),
        trainRows,
        validationRows,
        standardization);
  }

  /** 0, 1, …, n − 1. */
  static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** Fisher–Yates with the given generator. */
  static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * Rows {@code order[from..to)} of the source, one after the other in one row-major array: the
   * only copy of the data that training makes. Every value must be finite.
   */
  private static float[] gather(RowSource rows, int[] order, int from, int to, String what) {
    int width = rows.width();
    float[] flat = new float[Math.multiplyExact(to - from, width)];
    for (int i = from; i < to; i++) {
      rows.copyRow(order[i], flat, (i - from) * width);
    }
    for (int i = 0; i < flat.length; i++) {
      if (!Float.isFinite(flat[i])) {
        throw new IllegalArgumentException(
            what + " row " + order[from + i / width] + " has a non-finite value " + flat[i]);
      }
    }
    return flat;
  }
}
