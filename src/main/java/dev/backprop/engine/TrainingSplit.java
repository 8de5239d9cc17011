package dev.backprop.engine;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The rows of one training run as flat row-major arrays: a seeded permutation of the data puts the
 * last round(n · validationSplit) rows aside for validation (at least one row stays for training),
 * then the inputs are standardised, with a warm start's standardisation if it has one, else (with
 * config.standardize) one fitted on the training part only.
 *
 * <p>The inputs, nearly all of a run's memory, are held off the heap once they take {@link
 * #OFF_HEAP_BYTES} or more. On the heap they were one huge array that G1 places in regions of its
 * own (humongous): their arrival, 72 MiB at 360,000 rows of 50, started a marking whose end grows
 * the heap to keep 40% of it free, and the young generation then moved into the newly committed
 * regions, so RSS grew by the rows and by the young generation again (2.0x to 3.5x the data set's
 * float32 size above idle at 400,000 rows). Off the heap they take their size, in buffers that
 * {@link #close} gives back for the next run to reuse ({@link RowBuffers}).
 */
final class TrainingSplit implements AutoCloseable {
  /** Inputs of at least this many bytes (1 MiB) are held off the heap. */
  static final int OFF_HEAP_BYTES = 1 << 20;

  final FloatBuffer x;
  final float[] y;
  final FloatBuffer validX;
  final float[] validY;
  final int trainRows;
  final int validationRows;
  final Standardization standardization;
  private final RowBuffers buffers;
  private final List<RowBuffers.Taken> offHeap; // x's and validX's memory, if off the heap

  private TrainingSplit(
      FloatBuffer x,
      float[] y,
      FloatBuffer validX,
      float[] validY,
      int trainRows,
      int validationRows,
      Standardization standardization,
      RowBuffers buffers,
      List<RowBuffers.Taken> offHeap) {
    this.buffers = buffers;
    this.offHeap = offHeap;
    this.x = x;
    this.y = y;
    this.validX = validX;
    this.validY = validY;
    this.trainRows = trainRows;
    this.validationRows = validationRows;
    this.standardization = standardization;
  }

  static TrainingSplit of(TrainingData data, TrainingConfig config, Standardization warmStart) {
    return of(data, config, warmStart, RowBuffers.SHARED);
  }

  /** As above, the off-heap rows taken from and given back to {@code buffers}. */
  static TrainingSplit of(
      TrainingData data, TrainingConfig config, Standardization warmStart, RowBuffers buffers) {
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
    List<RowBuffers.Taken> offHeap = new ArrayList<>(2);
    try {
      FloatBuffer x = floats(Math.multiplyExact(trainRows, columns), buffers, offHeap);
      float[] y = new float[Math.multiplyExact(trainRows, outputs)];
      FloatBuffer validX = floats(Math.multiplyExact(validationRows, columns), buffers, offHeap);
      float[] validY = new float[Math.multiplyExact(validationRows, outputs)];
      scatter(data, positions(order), trainRows, x, y, validX, validY);
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
      return new TrainingSplit(
          x, y, validX, validY, trainRows, validationRows, standardization, buffers, offHeap);
    } catch (RuntimeException e) {
      offHeap.forEach(buffers::giveBack);
      throw e;
    }
  }

  /**
   * Room for {@code n} floats, every one of which the split writes before it reads any: off the
   * heap (native byte order, taken from {@code buffers} and added to {@code offHeap}) from {@link
   * #OFF_HEAP_BYTES} on, up to what one buffer can hold; on the heap otherwise.
   */
  private static FloatBuffer floats(int n, RowBuffers buffers, List<RowBuffers.Taken> offHeap) {
    if (n >= OFF_HEAP_BYTES / Float.BYTES && n <= Integer.MAX_VALUE / Float.BYTES) {
      RowBuffers.Taken taken = buffers.take(n);
      offHeap.add(taken);
      return taken.floats();
    }
    return FloatBuffer.allocate(n);
  }

  /**
   * Gives the off-heap rows back for the next run ({@link RowBuffers}). Called once the run is over
   * and nothing reads x or validX any more; a split never closed leaves its buffers to the
   * collector, as any direct buffer.
   */
  @Override
  public void close() {
    offHeap.forEach(buffers::giveBack);
    offHeap.clear();
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
   * blocks once), straight to its place among the training rows (x, y) or the validation rows: the
   * only copy of the data training makes (a row's features pass through one row's buffer), and the
   * same values as gathering the rows in the shuffled order. Each features row is checked for
   * non-finite values in that buffer, on the heap, rather than in a pass of its own over the copy,
   * which may be off the heap and was read a value at a time.
   */
  private static void scatter(
      TrainingData data,
      int[] position,
      int trainRows,
      FloatBuffer x,
      float[] y,
      FloatBuffer validX,
      float[] validY) {
    RowSource features = data.features();
    RowSource targets = data.targets();
    int columns = features.width();
    int outputs = targets.width();
    float[] row = new float[columns];
    for (int r = 0; r < position.length; r++) {
      int p = position[r];
      features.copyRow(r, row, 0);
      checkFinite(row, r, "features");
      if (p < trainRows) {
        x.put(p * columns, row);
        targets.copyRow(r, y, p * outputs);
      } else {
        validX.put((p - trainRows) * columns, row);
        targets.copyRow(r, validY, (p - trainRows) * outputs);
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

  /** Refuses a non-finite value in source row {@code source}, naming the row. */
  private static void checkFinite(float[] row, int source, String what) {
    for (float value : row) {
      if (!Float.isFinite(value)) {
        throw new IllegalArgumentException(
            what + " row " + source + " has a non-finite value " + value);
      }
    }
  }

  /**
   * Refuses a non-finite value, naming its row as the source numbers it: rows {@code
   * order[first..]} were copied to {@code flat} one after the other.
   */
  private static void checkFinite(float[] flat, int width, int[] order, int first, String what) {
    for (int i = 0; i < flat.length; i++) {
      float value = flat[i];
      if (!Float.isFinite(value)) {
        throw new IllegalArgumentException(
            what + " row " + order[first + i / width] + " has a non-finite value " + value);
      }
    }
  }
}
