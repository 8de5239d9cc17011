package dev.backprop.prediction;

import java.util.List;

/**
 * What every neuron of a version computes for some rows: the picture of the network as numbers.
 *
 * @param network the network asked
 * @param version the version number that answered
 * @param input the rows as the first layer sees them (standardised when the version standardises)
 * @param layers one entry per layer, from the first hidden layer to the output layer
 */
public record ActivationsResponse(
    String network, int version, float[][] input, List<LayerActivations> layers) {

  /**
   * One layer's values for each row.
   *
   * @param units the layer's number of neurons
   * @param activation the layer's activation function
   * @param s the weighted sums, one row per input row and one column per neuron
   * @param a the activations f(s), shaped as {@code s}; the output layer's equal the predictions
   */
  public record LayerActivations(int units, String activation, float[][] s, float[][] a) {}
}
