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
    int columns = data.features().width();
    int outputs = data.targets().width();
    float[] x = new float[Math.multiplyExact(trainRows, columns)];
    float[] y = new float[Math.multiplyExact(trainRows, outputs)];
    float[] validX = new float[Math.multiplyExact(validationRows, columns)];
    float[] validY = new float[Math.multiplyExact(validationRows, outputs)];
    scatter(data, positions(order), trainRows, new float[][] {x, y, validX, validY});
    checkFinite(x, columns, order, 0, "features");
    checkFinite(validX, columns, order, trainRows, "features");
    checkFinite(y, outputs, order, 0, "targets");
    checkFinite(validY, outputs, order, trainRows, "targets");
    Standardization standardization = warmStart;
    if (standardization == null && config.standardize()) {
      standardization = Standardization.fit(x, trainRows, columns);
    }
    if (standardization != null) {
      standardization.applyInPlace(x, trainRows);
      standardization.applyInPlace(validX, validationRows);
    }
    return new TrainingSplit(x, y, validX, validY, trainRows, validationRows, standardization);
  }

  /** The inverse of a permutation: where each row goes. */
  static int[] positions(int[] order) {
    int[] position = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      position[order[i]] = i;
    }
    return position;
  }

  /**
   * Copies each row, read in ascending order (so a source that streams its rows reads each of its
   * blocks once), straight to its place among the training rows ({@code into[0]}, {@code into[1]})
   * or the validation rows ({@code into[2]}, {@code into[3]}): the only copy of the data training
   * makes, and the same arrays, value for value, as gathering the rows in the shuffled order.
   */
  private static void scatter(TrainingData data, int[] position, int trainRows, float[][] into) {
    RowSource features = data.features();
    RowSource targets = data.targets();
    int columns = features.width();
    int outputs = targets.width();
    for (int row = 0; row < position.length; row++) {
      int p = position[row];
      if (p < trainRows) {
        features.copyRow(row, into[0], p * columns);
        targets.copyRow(row, into[1], p * outputs);
      } else {
        features.copyRow(row, into[2], (p - trainRows) * columns);
        targets.copyRow(row, into[3], (p - trainRows) * outputs);
      }
    }
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
   * Refuses a non-finite value, naming its row as the source numbers it: rows {@code
   * order[first..]} were copied to {@code flat} one after the other.
   */
  private static void checkFinite(float[] flat, int width, int[] order, int first, String what) {
    for (int i = 0; i < flat.length; i++) {
      if (!Float.isFinite(flat[i])) {
        throw new IllegalArgumentException(
            what + " row " + order[first + i / width] + " has a non-finite value " + flat[i]);
      }
    }
  }
}
