package dev.backprop.engine;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training for large layers: the matrix products (s = a W^T, gradW = δ^T a, δ = δ W) run as {@code
 * Nd4j.gemm} into buffers allocated once; the cheap element-wise work (bias, activation,
 * derivative, output delta, bias gradient and update) runs in Java on heap copies that are moved in
 * and out of the native buffers with bulk NIO copies. That keeps the JNI calls per step to the
 * gemms and one weight update per layer. The weights live in ND4J (W[l] units × fanIn); biases on
 * the heap.
 */
final class Nd4jTrainingPath implements TrainingPath {
  private final NetworkSpec spec;
  private final int L;
  private final int[] units;
  private final Activation[] f;
  private final Loss loss;
  private final INDArray[] W;
  private final float[][] b;
  private final Nd4jGradients gradients;
  private final Nd4jOptimizerState state;
  private final Map<Integer, Buffers> buffers = new HashMap<>();
  private int lastCorrect;
  private float[] by;
  private final boolean fusedSgd;
  private final double eta;
  private final double l2;

  /**
   * ∂J/∂W as ND4J arrays, ∂J/∂b on the heap. With sgd the weight gradient is never stored: BP4 and
   * the update are one gemm (see {@link #step}).
   */
  static final class Nd4jGradients {
    final INDArray[] gradW;
    final float[][] gradB;

    Nd4jGradients(int[] units, boolean weightGradients) {
      int layers = units.length - 1;
      gradW = new INDArray[layers + 1];
      gradB = new float[layers + 1][];
      for (int l = 1; l <= layers; l++) {
        if (weightGradients) {
          gradW[l] = Nd4j.create(DataType.FLOAT, units[l], units[l - 1]);
        }
        gradB[l] = new float[units[l]];
      }
    }
  }

  /** Per-batch-size buffers: native s, a, δ and their heap mirrors. */
  private final class Buffers {
    final int m;
    final INDArray[] s = new INDArray[L + 1];
    final INDArray[] a = new INDArray[L + 1];
    final INDArray[] delta = new INDArray[L + 1];
    final FloatBuffer[] sNio = new FloatBuffer[L + 1];
    final FloatBuffer[] aNio = new FloatBuffer[L + 1];
    final FloatBuffer[] deltaNio = new FloatBuffer[L + 1];
    final float[][] hs = new float[L + 1][];
    final float[][] ha = new float[L + 1][];
    final float[][] hd = new float[L + 1][];

    Buffers(int m) {
      this.m = m;
      a[0] = Nd4j.create(DataType.FLOAT, m, units[0]);
      aNio[0] = a[0].data().asNioFloat();
      for (int l = 1; l <= L; l++) {
        s[l] = Nd4j.create(DataType.FLOAT, m, units[l]);
        a[l] = Nd4j.create(DataType.FLOAT, m, units[l]);
        delta[l] = Nd4j.create(DataType.FLOAT, m, units[l]);
        sNio[l] = s[l].data().asNioFloat();
        aNio[l] = a[l].data().asNioFloat();
        deltaNio[l] = delta[l].data().asNioFloat();
        hs[l] = new float[m * units[l]];
        ha[l] = new float[m * units[l]];
        hd[l] = new float[m * units[l]];
      }
    }
  }

  Nd4jTrainingPath(NetworkSpec spec, Parameters initial, TrainingConfig config) {
    Engine.initialize();
    this.spec = spec;
    L = spec.layers().size();
    units = initial.unitsArray().clone();
    f = new Activation[L + 1];
    W = new INDArray[L + 1];
    b = new float[L + 1][];
    for (int l = 1; l <= L; l++) {
      f[l] = spec.layers().get(l - 1).activation();
      W[l] = Nd4j.create(initial.w(l - 1).clone(), new long[] {units[l], units[l - 1]}, 'c');
      b[l] = initial.b(l - 1).clone();
    }
    loss = spec.loss();
    fusedSgd = config.optimizer() == Optimizer.SGD;
    gradients = new Nd4jGradients(units, !fusedSgd);
    state = new Nd4jOptimizerState(config, units);
    eta = config.learningRate();
    l2 = config.l2();
  }

  private Buffers buffers(int m) {
    return buffers.computeIfAbsent(m, Buffers::new);
  }

  @Override
  public double step(float[] x, float[] y, int m) {
    Buffers buf = buffers(m);
    buf.aNio[0].put(0, x, 0, m * units[0]);
    return forwardBackwardUpdate(buf, y, m);
  }

  @Override
  public double step(float[] x, float[] y, int[] rows, int start, int m) {
    Buffers buf = buffers(m);
    int in = units[0];
    int out = units[L];
    if (by == null || by.length < m * out) {
      by = new float[m * out];
    }
    for (int i = 0; i < m; i++) {
      int r = rows[start + i];
      buf.aNio[0].put(i * in, x, r * in, in);
      System.arraycopy(y, r * out, by, i * out, out);
    }
    return forwardBackwardUpdate(buf, by, m);
  }

  private double forwardBackwardUpdate(Buffers buf, float[] y, int m) {
    // Feedforward: s^l = W^l a^(l−1) + b^l, a^l = f(s^l), one example per row.
    for (int l = 1; l <= L; l++) {
      int out = units[l];
      Gemm.gemm(buf.a[l - 1], W[l], buf.s[l], false, true, 1.0, 0.0);
      float[] s = buf.hs[l];
      buf.sNio[l].get(0, s, 0, m * out);
      addBias(s, b[l], m, out);
      f[l].apply(s, buf.ha[l], m, out);
      if (l < L) {
        buf.aNio[l].put(0, buf.ha[l], 0, m * out);
      }
    }
    double j = loss.value(f[L], buf.hs[L], buf.ha[L], y, m, units[L]);
    lastCorrect = Metrics.correct(spec, buf.ha[L], y, m);

    // BP1
    loss.outputDelta(f[L], buf.hs[L], buf.ha[L], y, buf.hd[L], m, units[L]);
    buf.deltaNio[L].put(0, buf.hd[L], 0, m * units[L]);
    double invM = 1.0 / m;
    for (int l = L; l >= 1; l--) {
      int in = units[l - 1];
      // BP3: ∂J/∂b^l = (1/m) Σ_rows δ^l
      columnMeans(buf.hd[l], gradients.gradB[l], m, units[l]);
      if (l > 1) {
        // BP2: δ^(l−1) = (δ^l W^l) ⊙ f'(s^(l−1)), with W^l before this step's update
        Gemm.gemm(buf.delta[l], W[l], buf.delta[l - 1], false, false, 1.0, 0.0);
        float[] d = buf.hd[l - 1];
        buf.deltaNio[l - 1].get(0, d, 0, m * in);
        f[l - 1].multiplyByDerivative(buf.hs[l - 1], buf.ha[l - 1], d, m * in);
        buf.deltaNio[l - 1].put(0, d, 0, m * in);
      }
      if (fusedSgd) {
        // BP4 and the sgd step as one gemm: W ← (1 − η·l2) W − η (1/m) δ^T a^(l−1)
        Gemm.gemm(buf.delta[l], buf.a[l - 1], W[l], true, false, -eta * invM, 1.0 - eta * l2);
        OptimizerState.sgd(b[l], gradients.gradB[l], (float) eta);
      } else {
        // BP4: ∂J/∂W^l = (1/m) δ^T a^(l−1)
        Gemm.gemm(buf.delta[l], buf.a[l - 1], gradients.gradW[l], true, false, invM, 0.0);
      }
    }
    if (!fusedSgd) {
      state.apply(W, b, gradients);
    }
    return j;
  }

  private static void addBias(float[] s, float[] bias, int m, int out) {
    for (int i = 0; i < m; i++) {
      int o = i * out;
      for (int j = 0; j < out; j++) {
        s[o + j] += bias[j];
      }
    }
  }

  private static void columnMeans(float[] d, float[] gradB, int m, int out) {
    java.util.Arrays.fill(gradB, 0f);
    for (int i = 0; i < m; i++) {
      int o = i * out;
      for (int j = 0; j < out; j++) {
        gradB[j] += d[o + j];
      }
    }
    float inv = 1f / m;
    for (int j = 0; j < out; j++) {
      gradB[j] *= inv;
    }
  }

  @Override
  public int lastCorrect() {
    return lastCorrect;
  }

  @Override
  public Parameters snapshot() {
    float[][] w = new float[L][];
    float[][] bias = new float[L][];
    for (int l = 1; l <= L; l++) {
      w[l - 1] = W[l].data().asFloat();
      bias[l - 1] = b[l].clone();
    }
    return new Parameters(w, bias, units.clone());
  }

  /**
   * Optimiser state for this path: ND4J arrays for the weights, heap arrays for the biases. Same
   * rules as {@link OptimizerState}; in-place BLAS axpy and scalar ops, temporaries preallocated.
   */
  static final class Nd4jOptimizerState {
    private final Optimizer optimizer;
    private final double eta;
    private final double l2;
    private final double mu;
    private final INDArray[] vW;
    private final INDArray[] sW;
    private final INDArray[] tmp;
    private final float[][] vB;
    private final float[][] sB;
    private long t;

    Nd4jOptimizerState(TrainingConfig config, int[] units) {
      optimizer = config.optimizer();
      eta = config.learningRate();
      l2 = config.l2();
      mu = config.momentum();
      int layers = units.length - 1;
      vW = new INDArray[layers + 1];
      sW = new INDArray[layers + 1];
      tmp = new INDArray[layers + 1];
      vB = new float[layers + 1][];
      sB = new float[layers + 1][];
      for (int l = 1; l <= layers; l++) {
        if (optimizer != Optimizer.SGD) {
          vW[l] = Nd4j.zeros(DataType.FLOAT, units[l], units[l - 1]);
          vB[l] = new float[units[l]];
        }
        if (optimizer == Optimizer.ADAM) {
          sW[l] = Nd4j.zeros(DataType.FLOAT, units[l], units[l - 1]);
          tmp[l] = Nd4j.zeros(DataType.FLOAT, units[l], units[l - 1]);
          sB[l] = new float[units[l]];
        }
      }
    }

    void apply(INDArray[] W, float[][] b, Nd4jGradients g) {
      t++;
      var blas = Nd4j.getBlasWrapper().level1();
      for (int l = 1; l < W.length; l++) {
        INDArray w = W[l];
        INDArray gw = g.gradW[l];
        long n = w.length();
        switch (optimizer) {
          case SGD -> {
            // W ← W − η (gradW + l2 W)
            if (l2 != 0) {
              blas.axpy(n, l2, w, gw);
            }
            blas.axpy(n, -eta, gw, w);
            OptimizerState.sgd(b[l], g.gradB[l], (float) eta);
          }
          case MOMENTUM -> {
            if (l2 != 0) {
              blas.axpy(n, l2, w, gw);
            }
            // v ← μ v − η g ; W ← W + v
            vW[l].muli(mu);
            blas.axpy(n, -eta, gw, vW[l]);
            w.addi(vW[l]);
            OptimizerState.momentum(b[l], g.gradB[l], vB[l], (float) eta, (float) mu);
          }
          case ADAM -> {
            if (l2 != 0) {
              blas.axpy(n, l2, w, gw);
            }
            double c1 = 1 - Math.pow(Optimizer.ADAM_BETA1, t);
            double c2 = 1 - Math.pow(Optimizer.ADAM_BETA2, t);
            // m ← β1 m + (1 − β1) g ; v ← β2 v + (1 − β2) g²
            vW[l].muli(Optimizer.ADAM_BETA1);
            blas.axpy(n, 1 - Optimizer.ADAM_BETA1, gw, vW[l]);
            gw.muli(gw);
            sW[l].muli(Optimizer.ADAM_BETA2);
            blas.axpy(n, 1 - Optimizer.ADAM_BETA2, gw, sW[l]);
            // W ← W − η m̂ / (√v̂ + ε) = W − (η/c1) m / (√v/√c2 + ε)
            Nd4j.exec(new Sqrt(sW[l], tmp[l]));
            tmp[l].muli(1 / Math.sqrt(c2)).addi(Optimizer.ADAM_EPSILON);
            tmp[l].rdivi(vW[l]);
            blas.axpy(n, -eta / c1, tmp[l], w);
            OptimizerState.adam(b[l], g.gradB[l], vB[l], sB[l], (float) eta, c1, c2);
          }
        }
      }
    }
  }
}
