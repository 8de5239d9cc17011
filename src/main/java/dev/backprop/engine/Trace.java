package dev.backprop.engine;

import java.util.List;

/**
 * What a model computes for some rows, layer by layer ({@link Predictor#trace}): the standardised
 * input a^0, and for every layer l = 1..L the weighted inputs s^l and the activations a^l = f(s^l).
 * {@code layers.get(i)} is layer l = i + 1 (the order of {@link NetworkSpec#layers()}); row r of
 * every array belongs to input row r. The arrays are copies, owned by the caller.
 */
public record Trace(float[][] input, List<Trace.Layer> layers) {

  public Trace {
    layers = List.copyOf(layers);
  }

  /** One layer's values: {@code s[r]} and {@code a[r]} for input row r. */
  public record Layer(float[][] s, float[][] a) {}

  /** a^L, the outputs (what {@link Predictor#predict} returns). */
  public float[][] output() {
    return layers.get(layers.size() - 1).a();
  }
}
