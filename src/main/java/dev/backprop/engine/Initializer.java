package dev.backprop.engine;

import java.util.SplittableRandom;

/**
 * Seeded weight initialisers. Both draw uniformly from [−limit, limit] with a {@link
 * SplittableRandom} (pure Java, so the same seed gives bit-identical weights on every machine):
 * Xavier/Glorot limit √(6/(fanIn+fanOut)), He limit √(6/fanIn). Biases start at 0.
 */
public enum Initializer implements ApiNamed {
  XAVIER,
  HE;

  /** HE for relu and leaky_relu, XAVIER otherwise. */
  public static Initializer defaultFor(Activation hiddenActivation) {
    return hiddenActivation == Activation.RELU || hiddenActivation == Activation.LEAKY_RELU
        ? HE
        : XAVIER;
  }

  /** The bound of the uniform distribution for a layer. */
  public double limit(int fanIn, int fanOut) {
    return this == HE ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / ((double) fanIn + fanOut));
  }

  /** Fills a units × fanIn row-major weight matrix from {@code random}. */
  void fill(float[] weights, int fanIn, int fanOut, SplittableRandom random) {
    double limit = limit(fanIn, fanOut);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) ((random.nextDouble() * 2.0 - 1.0) * limit);
    }
  }

  public static Initializer fromName(String name) {
    return ApiNamed.parse(Initializer.class, name, "initializer");
  }
}
