package dev.backprop.interchange;

import dev.backprop.engine.Activation;
import java.util.List;
import java.util.Map;

/**
 * What an imported ONNX graph computes, in the engine's terms.
 *
 * @param inputs the width of an input row
 * @param mean what the graph subtracts from each input before the first layer, null if nothing
 * @param std what the graph divides each input by after that, null if nothing
 * @param layers the fully connected layers, in order
 * @param metadata the model's {@code metadata_props}
 */
record ImportedGraph(
    int inputs, float[] mean, float[] std, List<Layer> layers, Map<String, String> metadata) {

  /**
   * One layer: s = W·x + b, a = f(s).
   *
   * @param weights one row per unit, one column per input of the layer
   * @param biases one per unit
   * @param activation f
   */
  record Layer(float[][] weights, float[] biases, Activation activation) {}
}
