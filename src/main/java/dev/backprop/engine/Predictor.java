package dev.backprop.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Predictions from a {@link Model}: the model's standardisation, then the feedforward. Thread-safe:
 * every call uses the calling thread's buffers and the model is immutable, so many threads may
 * predict on the same model at once. Small work runs in plain Java, large work as sgemm ({@link
 * KernelChoice#forPrediction}).
 */
public final class Predictor {
  private Predictor() {}

  /** Outputs a^L, one row per input row. Rows are raw (unstandardised) features. */
  public static float[][] predict(Model model, float[][] rawRows) {
    Batch batch = forwardRows(model, rawRows);
    return batch == null ? new float[0][] : batch.output().toRows();
  }

  /**
   * Outputs for {@code rows} raw rows given row-major in {@code rawRowMajor} (rows × inputs
   * values); returns rows × outputs row-major. The input array is not modified.
   */
  public static float[] predictFlat(Model model, float[] rawRowMajor, int rows) {
    int width = model.spec().inputs();
    if (rawRowMajor == null || rows < 0 || (long) rows * width != rawRowMajor.length) {
      throw new IllegalArgumentException(
          "expected "
              + rows
              + " rows of "
              + width
              + " values ("
              + ((long) rows * width)
              + "), got "
              + (rawRowMajor == null ? 0 : rawRowMajor.length));
    }
    if (rows == 0) {
      return new float[0];
    }
    float[][] output = new float[1][];
    int size = rows * model.spec().outputs();
    predictInto(
        model,
        rows,
        x -> System.arraycopy(rawRowMajor, 0, x, 0, rawRowMajor.length),
        out -> output[0] = Arrays.copyOf(out, size));
    return output[0];
  }

  /** Writes a feedforward's raw input rows, row-major, into the first rows × inputs of a buffer. */
  @FunctionalInterface
  public interface RowWriter {
    void write(float[] input);
  }

  /**
   * Reads a feedforward's output rows, row-major, from the first rows × outputs of a buffer that is
   * reused after the call returns.
   */
  @FunctionalInterface
  public interface OutputReader {
    void read(float[] output);
  }

  /**
   * The feedforward of {@code rows} raw rows that {@code input} writes straight into the calling
   * thread's input buffer, whose outputs {@code output} reads straight from its output buffer: a
   * batch of many callers' rows goes in, and each caller's answer comes out, with no copy of the
   * batch in between.
   */
  public static void predictInto(Model model, int rows, RowWriter input, OutputReader output) {
    if (rows < 1) {
      throw new IllegalArgumentException("expected at least one row, got " + rows);
    }
    Feedforward feedforward = feedforward(model, rows);
    float[] x = feedforward.input();
    input.write(x);
    standardize(model, x, rows);
    output.read(feedforward.run().output().read());
  }

  /**
   * The feedforward of raw rows laid open, for looking inside a model: the standardised input and
   * each layer's s and a (see {@link Trace}). It runs the same feedforward as {@link #predict}, so
   * {@code trace(model, rows).output()} equals {@code predict(model, rows)}.
   */
  public static Trace trace(Model model, float[][] rawRows) {
    Batch batch = forwardRows(model, rawRows);
    int layers = model.spec().layers().size();
    List<Trace.Layer> values = new ArrayList<>(layers);
    for (int l = 1; l <= layers; l++) {
      values.add(
          batch == null
              ? new Trace.Layer(new float[0][], new float[0][])
              : new Trace.Layer(batch.s[l].toRows(), batch.a[l].toRows()));
    }
    return new Trace(batch == null ? new float[0][] : batch.input().toRows(), values);
  }

  /** The feedforward of checked raw rows (null for no rows), on the thread's buffers. */
  private static Batch forwardRows(Model model, float[][] rawRows) {
    if (rawRows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    int width = model.spec().inputs();
    int n = rawRows.length;
    for (int r = 0; r < n; r++) {
      if (rawRows[r] == null || rawRows[r].length != width) {
        throw new IllegalArgumentException(
            "row "
                + r
                + " has "
                + (rawRows[r] == null ? 0 : rawRows[r].length)
                + " values, the network expects "
                + width);
      }
    }
    if (n == 0) {
      return null;
    }
    Feedforward feedforward = feedforward(model, n);
    float[] x = feedforward.input();
    for (int r = 0; r < n; r++) {
      System.arraycopy(rawRows[r], 0, x, r * width, width);
    }
    standardize(model, x, n);
    return feedforward.run();
  }

  private static Feedforward feedforward(Model model, int rows) {
    Parameters p = model.parameters();
    return new Feedforward(model.spec(), p, rows, KernelChoice.forPrediction(p.unitsArray(), rows));
  }

  private static void standardize(Model model, float[] x, int rows) {
    if (model.standardization() != null) {
      model.standardization().applyInPlace(x, rows);
    }
  }
}
