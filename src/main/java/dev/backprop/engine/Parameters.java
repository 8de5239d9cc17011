package dev.backprop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weights and biases of every layer, float32. The accessors take the layer's position in {@link
 * NetworkSpec#layers()}, 0-based (the math's layer l is position l − 1): its weights W are a
 * row-major units × fanIn array (row j = neuron j, so w_jk is at {@code [j*fanIn + k]}) and its
 * biases b have one value per unit. Immutable from the outside: every accessor returns a copy.
 */
public final class Parameters {
  private final float[][] weights;
  private final float[][] biases;
  private final int[] units; // units[0] = inputs, units[l + 1] = units of layer l

  /** Read-only kernel matrices of W and b, made once per kernel on first use (see {@link #on}). */
  private final ConcurrentHashMap<Kernel, Matrix[][]> kernelViews = new ConcurrentHashMap<>(4);

  /** Transposed weights per kernel, made on first use (see {@link #transposedOn}). */
  private final ConcurrentHashMap<Kernel, float[][][]> transposedViews = new ConcurrentHashMap<>(4);

  Parameters(float[][] weights, float[][] biases, int[] units) {
    this.weights = weights;
    this.biases = biases;
    this.units = units;
  }

  /** Seeded initial parameters for a network: same spec and seed, bit-identical weights. */
  public static Parameters initialize(NetworkSpec spec) {
    int layerCount = spec.layers().size();
    int[] units = new int[layerCount + 1];
    for (int l = 0; l <= layerCount; l++) {
      units[l] = spec.units(l);
    }
    SplittableRandom random = new SplittableRandom(spec.seed());
    float[][] w = new float[layerCount][];
    float[][] b = new float[layerCount][];
    for (int l = 0; l < layerCount; l++) {
      w[l] = new float[Math.multiplyExact(units[l + 1], units[l])];
      spec.initializer().fill(w[l], units[l], units[l + 1], random);
      b[l] = new float[units[l + 1]];
    }
    return new Parameters(w, b, units);
  }

  /**
   * Parameters from per-layer weight matrices (rows = units) and biases, copied. Shapes are checked
   * against each other only: rectangular, biases as long as rows, each layer's columns equal to the
   * previous layer's rows, all values finite.
   */
  public static Parameters of(List<float[][]> weights, List<float[]> biases) {
    if (weights == null || biases == null || weights.isEmpty()) {
      throw new IllegalArgumentException("parameters need at least one layer");
    }
    if (weights.size() != biases.size()) {
      throw new IllegalArgumentException(
          weights.size() + " weight matrices but " + biases.size() + " bias vectors");
    }
    int layerCount = weights.size();
    int[] units = new int[layerCount + 1];
    float[][] w = new float[layerCount][];
    float[][] b = new float[layerCount][];
    for (int l = 0; l < layerCount; l++) {
      float[][] m = weights.get(l);
      float[] bias = biases.get(l);
      if (m == null || m.length == 0 || m[0] == null || m[0].length == 0) {
        throw new IllegalArgumentException("layers[" + l + "].weights is empty");
      }
      int rows = m.length;
      int cols = m[0].length;
      if (l == 0) {
        units[0] = cols;
      } else if (cols != units[l]) {
        throw new IllegalArgumentException(
            "layers["
                + l
                + "].weights has "
                + cols
                + " columns but the layer before has "
                + units[l]
                + " units");
      }
      units[l + 1] = rows;
      if (bias == null || bias.length != rows) {
        throw new IllegalArgumentException(
            "layers[" + l + "].biases must have " + rows + " values (one per unit)");
      }
      w[l] = new float[Math.multiplyExact(rows, cols)];
      for (int j = 0; j < rows; j++) {
        if (m[j] == null || m[j].length != cols) {
          throw new IllegalArgumentException(
              "layers[" + l + "].weights[" + j + "] must have " + cols + " values");
        }
        System.arraycopy(m[j], 0, w[l], j * cols, cols);
      }
      b[l] = bias.clone();
      requireFinite(w[l], "layers[" + l + "].weights");
      requireFinite(b[l], "layers[" + l + "].biases");
    }
    return new Parameters(w, b, units);
  }

  private static void requireFinite(float[] values, String what) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(what + " contains a non-finite value " + v);
      }
    }
  }

  public int layerCount() {
    return weights.length;
  }

  /** Input width of the first layer. */
  public int inputs() {
    return units[0];
  }

  /** Units of layer l (0-based). */
  public int units(int l) {
    return units[l + 1];
  }

  /** A copy of layer l's weights, one row per unit. */
  public float[][] weightsMatrix(int l) {
    int rows = units[l + 1];
    int cols = units[l];
    float[][] m = new float[rows][cols];
    for (int j = 0; j < rows; j++) {
      System.arraycopy(weights[l], j * cols, m[j], 0, cols);
    }
    return m;
  }

  /** A copy of layer l's biases. */
  public float[] biases(int l) {
    return biases[l].clone();
  }

  /** A deep copy. */
  public Parameters copy() {
    float[][] w = new float[weights.length][];
    float[][] b = new float[biases.length][];
    for (int l = 0; l < w.length; l++) {
      w[l] = weights[l].clone();
      b[l] = biases[l].clone();
    }
    return new Parameters(w, b, units.clone());
  }

  /** True if the shapes fit the spec: same layer count, input width and units per layer. */
  public boolean matches(NetworkSpec spec) {
    if (spec.layers().size() != weights.length || spec.inputs() != units[0]) {
      return false;
    }
    for (int l = 0; l < weights.length; l++) {
      if (spec.layers().get(l).units() != units[l + 1]) {
        return false;
      }
    }
    return true;
  }

  // Package-private views of the internal arrays for the engine (never handed to callers).

  float[] w(int l) {
    return weights[l];
  }

  float[] b(int l) {
    return biases[l];
  }

  int[] unitsArray() {
    return units;
  }

  /**
   * {W, b, Wᵀ}: the weights, biases and (when the kernel reads it, else null) the transposed
   * weights as read-only matrices of {@code kernel}, indexed by layer l = 1..L (index 0 unused, see
   * {@link Layers}). Made once per kernel, then shared by every thread.
   */
  Matrix[][] on(Kernel kernel) {
    Matrix[][] view = kernelViews.get(kernel);
    return view != null ? view : kernelViews.computeIfAbsent(kernel, this::view);
  }

  private Matrix[][] view(Kernel kernel) {
    int layers = weights.length;
    Matrix[] w = new Matrix[layers + 1];
    Matrix[] b = new Matrix[layers + 1];
    for (int l = 1; l <= layers; l++) {
      w[l] = kernel.constant(weights[l - 1], units[l], units[l - 1]);
      b[l] = kernel.constant(biases[l - 1], 1, units[l]);
    }
    return new Matrix[][] {w, b};
  }

  /**
   * Wᵀ of each layer l = 1..L as {@code kernel} reads it ({@link Kernel#transposedConstant}; null
   * entries when it reads none), made once per kernel like {@link #on}: a second copy of the
   * weights, kept for prediction's sake.
   */
  float[][][] transposedOn(Kernel kernel) {
    float[][][] t = transposedViews.get(kernel);
    return t != null ? t : transposedViews.computeIfAbsent(kernel, this::transposed);
  }

  private float[][][] transposed(Kernel kernel) {
    float[][][] t = new float[weights.length + 1][][];
    for (int l = 1; l <= weights.length; l++) {
      t[l] = kernel.transposedConstant(weights[l - 1], units[l], units[l - 1]);
    }
    return t;
  }

  @Override
  public String toString() {
    List<String> shapes = new ArrayList<>();
    for (int l = 0; l < weights.length; l++) {
      shapes.add(units[l + 1] + "x" + units[l]);
    }
    return "Parameters" + shapes;
  }
}
