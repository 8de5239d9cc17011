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
    float[][] trainX = pick(data.features(), order, 0, trainRows);
    Standardization standardization = warmStart;
    if (standardization == null && config.standardize()) {
      standardization = Standardization.fit(trainX);
    }
    float[] x = flatten(trainX);
    float[] validX = flatten(pick(data.features(), order, trainRows, n));
    if (standardization != null) {
      standardization.applyInPlace(x, trainRows);
      standardization.applyInPlace(validX, validationRows);
    }
    return new TrainingSplit(
        x,
        flatten(pick(data.targets(), order, 0, trainRows)),
        validX,
        flatten(pick(data.targets(), order, trainRows, n)),
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

  private static float[][] pick(float[][] rows, int[] order, int from, int to) {
    float[][] out = new float[to - from][];
    for (int i = from; i < to; i++) {
      out[i - from] = rows[order[i]];
    }
    return out;
  }

  private static float[] flatten(float[][] rows) {
    if (rows.length == 0) {
      return new float[0];
    }
    int width = rows[0].length;
    float[] flat = new float[rows.length * width];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * width, width);
    }
    return flat;
  }
}
