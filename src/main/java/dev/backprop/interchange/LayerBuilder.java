package dev.backprop.interchange;

import dev.backprop.engine.Activation;
import dev.backprop.interchange.ImportedGraph.Layer;
import java.util.Arrays;
import onnx.Onnx.NodeProto;

/**
 * One fully connected layer as an imported graph computes it: the weighted sum of a {@code Gemm} (Y
 * = A·B + C, or A·Bᵀ + C with {@code transB}), or of a {@code MatMul} (Y = A·B) with its {@code
 * Add}, then the activation. B is stored [inputs, units] unless transposed; the engine holds W =
 * Bᵀ, one row per unit.
 */
final class LayerBuilder {

  private final float[][] weights;
  private final float[] biases;
  private Activation activation = Activation.IDENTITY;

  private LayerBuilder(float[][] weights) {
    this.weights = weights;
    this.biases = new float[weights.length];
  }

  /** A Gemm on the rows: alpha = beta = 1, A not transposed, B and C constants. */
  static LayerBuilder gemm(NodeProto node, Constants constants, int width) {
    float alpha = Constants.floatAttribute(node, "alpha", 1f);
    float beta = Constants.floatAttribute(node, "beta", 1f);
    if (alpha != 1f || beta != 1f) {
      throw new IllegalArgumentException(
          "has alpha " + alpha + " and beta " + beta + "; a layer is read from alpha = beta = 1");
    }
    if (Constants.intAttribute(node, "transA", 0) != 0) {
      throw new IllegalArgumentException("transposes its input rows (transA = 1)");
    }
    if (node.getInputCount() < 2 || node.getInputCount() > 3) {
      throw new IllegalArgumentException("has " + node.getInputCount() + " inputs, not 2 or 3");
    }
    boolean transB = Constants.intAttribute(node, "transB", 0) != 0;
    LayerBuilder layer = new LayerBuilder(weights(constants.get(node.getInput(1)), transB, width));
    if (node.getInputCount() == 3 && !node.getInput(2).isEmpty()) {
      layer.add(constants.get(node.getInput(2)));
    }
    return layer;
  }

  /** A MatMul of the rows by a constant [inputs, units]; its bias comes with the next Add. */
  static LayerBuilder matMul(NodeProto node, Constants constants, int width) {
    if (node.getInputCount() != 2) {
      throw new IllegalArgumentException("has " + node.getInputCount() + " inputs, not 2");
    }
    return new LayerBuilder(weights(constants.get(node.getInput(1)), false, width));
  }

  int units() {
    return weights.length;
  }

  /** An Add of a constant to the weighted sum: the rows at one input, the bias at the other. */
  void addBias(NodeProto node, Constants constants, String rows) {
    if (node.getInputCount() != 2) {
      throw new IllegalArgumentException("has " + node.getInputCount() + " inputs, not 2");
    }
    add(constants.get(node.getInput(0).equals(rows) ? node.getInput(1) : node.getInput(0)));
  }

  /** The activation applied to the sum; LeakyRelu's slope and Softmax's axis must be ours. */
  void activation(NodeProto node, Activation f) {
    if (f == Activation.LEAKY_RELU) {
      float alpha = Constants.floatAttribute(node, "alpha", Activation.LEAKY_SLOPE);
      if (Math.abs(alpha - Activation.LEAKY_SLOPE) > 1e-7f) {
        throw new IllegalArgumentException(
            "has alpha "
                + alpha
                + "; the service's leaky_relu has slope "
                + Activation.LEAKY_SLOPE);
      }
    } else if (f == Activation.SOFTMAX) {
      long axis = Constants.intAttribute(node, "axis", -1);
      if (axis != -1 && axis != 1) {
        throw new IllegalArgumentException(
            "normalises over axis "
                + axis
                + "; only the last axis (-1 or 1) of [N, units] is read");
      }
    }
    activation = f;
  }

  Layer build() {
    return new Layer(weights, biases, activation);
  }

  /** Adds a bias: a scalar, [units] or [1, units]. */
  private void add(Constants.Value bias) {
    long[] d = bias.dims();
    boolean scalar =
        bias.values().length == 1 && d.length <= 2 && (d.length == 0 || d[d.length - 1] == 1);
    boolean row =
        d.length >= 1
            && d.length <= 2
            && d[d.length - 1] == units()
            && (d.length == 1 || d[0] == 1);
    if (!scalar && !row) {
      throw new IllegalArgumentException(
          "adds a bias of shape " + Arrays.toString(d) + "; expected [" + units() + "]");
    }
    for (int j = 0; j < units(); j++) {
      biases[j] += bias.values()[scalar ? 0 : j];
    }
  }

  /** W (units × inputs) from B: B itself if transposed, else Bᵀ. */
  private static float[][] weights(Constants.Value b, boolean transposed, int width) {
    if (b.rank() != 2 || b.values().length == 0) {
      throw new IllegalArgumentException(
          "multiplies by a constant of shape "
              + Arrays.toString(b.dims())
              + "; a layer's weights are a non-empty matrix");
    }
    int units = (int) (transposed ? b.dims()[0] : b.dims()[1]);
    int inputs = (int) (transposed ? b.dims()[1] : b.dims()[0]);
    if (width >= 0 && inputs != width) {
      throw new IllegalArgumentException(
          "multiplies rows of "
              + width
              + " values by weights of shape "
              + Arrays.toString(b.dims())
              + (transposed ? " (transposed)" : "")
              + ", made for rows of "
              + inputs);
    }
    float[] v = b.values();
    float[][] w = new float[units][inputs];
    for (int j = 0; j < units; j++) {
      for (int k = 0; k < inputs; k++) {
        w[j][k] = transposed ? v[j * inputs + k] : v[k * units + j];
      }
    }
    return w;
  }
}
