package dev.backprop.engine;

/**
 * Predictions from a {@link Model}: the model's standardisation, then feedforward. Thread-safe:
 * every call uses its own buffers and the model is immutable, so many threads may predict on the
 * same model at once. Small work runs in plain Java, large work as ND4J gemm ({@link Paths}).
 */
public final class Predictor {
  private Predictor() {}

  /** Outputs a^L, one row per input row. Rows are raw (unstandardised) features. */
  public static float[][] predict(Model model, float[][] rawRows) {
    if (rawRows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    int width = model.spec().inputs();
    int n = rawRows.length;
    float[] flat = Scratch.get().floats(0, Math.multiplyExact(n, width));
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
      System.arraycopy(rawRows[r], 0, flat, r * width, width);
    }
    float[] out = predictStandardizing(model, flat, n);
    int k = model.spec().outputs();
    float[][] rows = new float[n][];
    for (int r = 0; r < n; r++) {
      rows[r] = java.util.Arrays.copyOfRange(out, r * k, (r + 1) * k);
    }
    return rows;
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
    float[] flat = Scratch.get().floats(0, rawRowMajor.length);
    System.arraycopy(rawRowMajor, 0, flat, 0, rawRowMajor.length);
    return predictStandardizing(model, flat, rows);
  }

  private static float[] predictStandardizing(Model model, float[] flat, int n) {
    if (n == 0) {
      return new float[0];
    }
    if (model.standardization() != null) {
      model.standardization().applyInPlace(flat, n);
    }
    return Paths.forward(model.spec(), model.parameters(), flat, n)[1];
  }
}
