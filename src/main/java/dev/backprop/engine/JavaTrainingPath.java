package dev.backprop.engine;

/** Training with the plain-Java {@link Network}: for small networks. */
final class JavaTrainingPath implements TrainingPath {
  private final NetworkSpec spec;
  private final Parameters working;
  private final Network network;
  private final Gradients gradients;
  private final OptimizerState state;
  private final double learningRate;
  private final double l2;
  private final float[][] w;
  private final float[][] b;
  private int lastCorrect;

  JavaTrainingPath(NetworkSpec spec, Parameters initial, TrainingConfig config) {
    this.spec = spec;
    this.working = initial.copy();
    this.network = new Network(spec, working);
    this.gradients = new Gradients(working.unitsArray());
    this.state = new OptimizerState(config.optimizer(), config.momentum(), working.unitsArray());
    this.learningRate = config.learningRate();
    this.l2 = config.l2();
    int layers = working.layerCount();
    w = new float[layers][];
    b = new float[layers][];
    for (int l = 0; l < layers; l++) {
      w[l] = working.w(l);
      b[l] = working.b(l);
    }
  }

  @Override
  public double step(float[] x, float[] y, int m) {
    float[] out = network.forward(x, m);
    double j = network.loss(y, m);
    lastCorrect = Metrics.correct(spec, out, y, m);
    network.backward(y, m, gradients);
    state.apply(w, b, gradients, learningRate, l2);
    return j;
  }

  /** The gradients of the last step (before L2 was added by the optimiser... see apply). */
  Gradients gradients() {
    return gradients;
  }

  @Override
  public int lastCorrect() {
    return lastCorrect;
  }

  @Override
  public Parameters snapshot() {
    return working.copy();
  }
}
