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
  private float[] bx;
  private float[] by;

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

  @Override
  public double step(float[] x, float[] y, int[] rows, int start, int m) {
    int inputs = working.inputs();
    int outputs = working.units(working.layerCount() - 1);
    if (bx == null || bx.length < m * inputs) {
      bx = new float[m * inputs];
      by = new float[m * outputs];
    }
    for (int i = 0; i < m; i++) {
      int r = rows[start + i];
      System.arraycopy(x, r * inputs, bx, i * inputs, inputs);
      System.arraycopy(y, r * outputs, by, i * outputs, outputs);
    }
    return step(bx, by, m);
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
