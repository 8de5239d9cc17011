package dev.backprop.engine;

/**
 * Adam with bias correction: m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², then w ← w − η m̂ /
 * (√v̂ + ε) with m̂ = m / (1 − β1^t) and v̂ = v / (1 − β2^t) after t steps. The moments are updated
 * and the step direction u = m̂ / (√v̂ + ε) formed in one Java pass over heap arrays; w ← w − η u
 * is a kernel axpy, so weights held natively are not copied to be updated.
 */
final class AdamUpdate extends Update {
  private static final float BETA1 = (float) Optimizer.ADAM_BETA1;
  private static final float BETA2 = (float) Optimizer.ADAM_BETA2;
  private static final float EPSILON = (float) Optimizer.ADAM_EPSILON;

  private final Gradients gradients;
  private final float[][] mW;
  private final float[][] vW;
  private final float[][] mB;
  private final float[][] vB;
  private final Matrix[] uW;
  private final Matrix[] uB;
  private long t;
  private float inv1;
  private float inv2;

  AdamUpdate(Layers net, TrainingConfig config) {
    super(net, config);
    gradients = new Gradients(kernel, net.units);
    int layers = net.L;
    mW = new float[layers + 1][];
    vW = new float[layers + 1][];
    mB = new float[layers + 1][];
    vB = new float[layers + 1][];
    uW = new Matrix[layers + 1];
    uB = new Matrix[layers + 1];
    for (int l = 1; l <= layers; l++) {
      int units = net.units[l];
      int weights = units * net.units[l - 1];
      mW[l] = new float[weights];
      vW[l] = new float[weights];
      mB[l] = new float[units];
      vB[l] = new float[units];
      uW[l] = kernel.matrix(units, net.units[l - 1]);
      uB[l] = kernel.matrix(1, units);
    }
  }

  @Override
  void beginStep() {
    t++;
    inv1 = (float) (1 / (1 - Math.pow(Optimizer.ADAM_BETA1, t)));
    inv2 = (float) (1 / (1 - Math.pow(Optimizer.ADAM_BETA2, t)));
  }

  @Override
  long steps() {
    return t;
  }

  /** mW, vW, mB, vB of layer 1, then of layer 2, and so on. */
  @Override
  float[][] state() {
    float[][] state = new float[4 * net.L][];
    for (int l = 1; l <= net.L; l++) {
      int i = 4 * (l - 1);
      state[i] = mW[l].clone();
      state[i + 1] = vW[l].clone();
      state[i + 2] = mB[l].clone();
      state[i + 3] = vB[l].clone();
    }
    return state;
  }

  @Override
  void restore(long steps, float[][] state) {
    if (state.length != 4 * net.L) {
      throw new IllegalArgumentException("not the state of Adam on " + net.L + " layers");
    }
    for (int l = 1; l <= net.L; l++) {
      int i = 4 * (l - 1);
      restoreInto(state[i], mW[l]);
      restoreInto(state[i + 1], vW[l]);
      restoreInto(state[i + 2], mB[l]);
      restoreInto(state[i + 3], vB[l]);
    }
    t = steps;
  }

  @Override
  void prepareRanges() {
    super.prepareRanges();
    for (int l = 1; l <= net.L; l++) {
      uW[l].prepareRanges();
      uB[l].prepareRanges();
    }
  }

  @Override
  public void weightGradient(int l, Matrix delta, Matrix aPrev) {
    gradients.weightGradient(l, delta, aPrev);
    Matrix gradW = gradients.gradW[l];
    stepWeights(l, gradW, Span.whole(kernel, gradW.size()));
  }

  @Override
  void stepWeights(int l, Matrix gradW, Span s) {
    step(net.W[l], gradW, mW[l], vW[l], uW[l], l2, s);
  }

  @Override
  void stepBiases(int l, Matrix gradB, Span s) {
    step(net.b[l], gradB, mB[l], vB[l], uB[l], 0, s);
  }

  private void step(Matrix w, Matrix g, float[] m, float[] v, Matrix u, double lambda, Span s) {
    if (lambda != 0) {
      s.axpy((float) lambda, w, g); // g ← g + λ w
    }
    float[] gv = s.read(g);
    float[] uv = s.overwrite(u);
    for (int i = s.from; i < s.to; i++) {
      float gi = gv[i];
      m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
      v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
      uv[i] = m[i] * inv1 / ((float) Math.sqrt(v[i] * inv2) + EPSILON);
    }
    s.written(u);
    s.axpy((float) -eta, u, w); // w ← w − η u
  }
}
