package dev.backprop.engine;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Input standardisation x' = (x − mean) / std per column, fitted on training data. Columns with no
 * spread get std 1, so they map to 0 and nothing is ever divided by 0.
 */
public record Standardization(float[] mean, float[] std) {

  public Standardization {
    if (mean == null || std == null || mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException("mean and std must be non-empty and of equal length");
    }
    mean = mean.clone();
    std = std.clone();
    for (int i = 0; i < std.length; i++) {
      if (!Float.isFinite(mean[i]) || !Float.isFinite(std[i]) || !(std[i] > 0f)) {
        throw new IllegalArgumentException(
            "standardization column " + i + " needs a finite mean and a positive finite std");
      }
    }
  }

  /** Mean and population standard deviation of each column (computed in double). */
  public static Standardization fit(float[][] rows) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException("cannot fit a standardization on no rows");
    }
    int width = rows[0].length;
    float[] rowMajor = new float[rows.length * width];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, rowMajor, r * width, width);
    }
    return fit(rowMajor, rows.length, width);
  }

  /**
   * As {@link #fit(float[][])}, on the first {@code rows} rows of a row-major buffer of rows of
   * {@code width} values (summed in row order, so both give the same floats).
   */
  public static Standardization fit(float[] rowMajor, int rows, int width) {
    return fit(FloatBuffer.wrap(rowMajor), rows, width);
  }

  /** As {@link #fit(float[], int, int)}, on a buffer (a run's rows, held off the heap). */
  static Standardization fit(FloatBuffer rowMajor, int rows, int width) {
    if (rows <= 0 || width <= 0 || (long) rows * width > rowMajor.capacity()) {
      throw new IllegalArgumentException("cannot fit a standardization on no rows");
    }
    double[] sum = new double[width];
    for (int r = 0; r < rows; r++) {
      int o = r * width;
      for (int k = 0; k < width; k++) {
        sum[k] += rowMajor.get(o + k);
      }
    }
    float[] mean = new float[width];
    double[] m = new double[width];
    for (int k = 0; k < width; k++) {
      m[k] = sum[k] / rows;
      mean[k] = (float) m[k];
    }
    double[] sq = new double[width];
    for (int r = 0; r < rows; r++) {
      int o = r * width;
      for (int k = 0; k < width; k++) {
        double d = rowMajor.get(o + k) - m[k];
        sq[k] += d * d;
      }
    }
    float[] std = new float[width];
    for (int k = 0; k < width; k++) {
      float sd = (float) Math.sqrt(sq[k] / rows);
      std[k] = sd > 1e-12f && Float.isFinite(sd) ? sd : 1f;
    }
    return new Standardization(mean, std);
  }

  /** Width (number of columns). */
  public int width() {
    return mean.length;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** Standardised copies of the rows. */
  public float[][] apply(float[][] rows) {
    float[][] out = new float[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != mean.length) {
        throw new IllegalArgumentException(
            "row " + r + " has " + rows[r].length + " values, expected " + mean.length);
      }
      out[r] = new float[mean.length];
      for (int k = 0; k < mean.length; k++) {
        out[r][k] = (rows[r][k] - mean[k]) / std[k];
      }
    }
    return out;
  }

  /** Standardises a row-major buffer of {@code rows} × width values in place. */
  public void applyInPlace(float[] rowMajor, int rows) {
    applyInPlace(FloatBuffer.wrap(rowMajor), rows);
  }

  /** As {@link #applyInPlace(float[], int)}, on a buffer (a run's rows, held off the heap). */
  void applyInPlace(FloatBuffer rowMajor, int rows) {
    int width = mean.length;
    if ((long) rows * width > rowMajor.capacity()) {
      throw new IllegalArgumentException(
          rows + " rows of " + width + " values do not fit in " + rowMajor.capacity());
    }
    for (int r = 0; r < rows; r++) {
      int o = r * width;
      for (int k = 0; k < width; k++) {
        rowMajor.put(o + k, (rowMajor.get(o + k) - mean[k]) / std[k]);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardization other
        && Arrays.equals(mean, other.mean)
        && Arrays.equals(std, other.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Standardization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
