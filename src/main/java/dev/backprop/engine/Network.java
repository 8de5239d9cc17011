package dev.backprop.engine;

/**
 * The plain-Java path: feedforward and backpropagation with loops over float arrays, for networks
 * too small for ND4J's per-call overhead (see {@link Paths}). Layers are numbered per docs/math.md:
 * l = 1..L, a[0] is the input batch; W[l] is units_l × units_{l−1} row-major. Batches are
 * row-major, one example per row. Buffers are allocated once per batch capacity.
 */
final class Network {
  final int L;
  final int[] units; // units[0] = inputs, units[l] for l = 1..L
  final Activation[] f; // f[l]
  final Loss loss;
  final float[][] W; // W[l], shared with the owner (trainer's working copy or immutable params)
  final float[][] b;

  private int capacity;
  private final Scratch scratch; // non-null: forward-only, buffers borrowed from the thread
  final float[][] s; // s[l] = a[l−1] W[l]^T + b[l]  (per row: s^l = W^l a^(l−1) + b^l)
  final float[][] a; // a[l] = f(s[l])
  final float[][] delta;

  Network(NetworkSpec spec, Parameters p) {
    this(spec, p, null);
  }

  /** A forward-only network whose buffers come from the calling thread's scratch. */
  Network(NetworkSpec spec, Parameters p, Scratch scratch) {
    this.scratch = scratch;
    L = spec.layers().size();
    units = p.unitsArray().clone();
    f = new Activation[L + 1];
    W = new float[L + 1][];
    b = new float[L + 1][];
    for (int l = 1; l <= L; l++) {
      f[l] = spec.layers().get(l - 1).activation();
      W[l] = p.w(l - 1);
      b[l] = p.b(l - 1);
    }
    loss = spec.loss();
    s = new float[L + 1][];
    a = new float[L + 1][];
    delta = new float[L + 1][];
  }

  private void ensureCapacity(int rows) {
    if (scratch != null) {
      for (int l = 1; l <= L; l++) {
        s[l] = scratch.floats(2 * l, rows * units[l]);
        a[l] = scratch.floats(2 * l + 1, rows * units[l]);
      }
      return;
    }
    if (rows > capacity) {
      for (int l = 1; l <= L; l++) {
        s[l] = new float[rows * units[l]];
        a[l] = new float[rows * units[l]];
        delta[l] = new float[rows * units[l]];
      }
      capacity = rows;
    }
  }

  /** Feedforward of n rows of x; returns a[L] (valid for the first n·units[L] entries). */
  float[] forward(float[] x, int n) {
    ensureCapacity(n);
    a[0] = x;
    for (int l = 1; l <= L; l++) {
      int in = units[l - 1];
      int out = units[l];
      float[] aPrev = a[l - 1];
      float[] Wl = W[l];
      float[] bl = b[l];
      float[] sl = s[l];
      for (int i = 0; i < n; i++) {
        int xi = i * in;
        int si = i * out;
        for (int j = 0; j < out; j++) {
          sl[si + j] = dot(Wl, j * in, aPrev, xi, in) + bl[j];
        }
      }
      f[l].apply(sl, a[l], n, out);
    }
    return a[L];
  }

  /** Σ_k u[uo + k] v[vo + k], with four partial sums so the multiply-adds overlap. */
  static float dot(float[] u, int uo, float[] v, int vo, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += u[uo + k] * v[vo + k];
      s1 += u[uo + k + 1] * v[vo + k + 1];
      s2 += u[uo + k + 2] * v[vo + k + 2];
      s3 += u[uo + k + 3] * v[vo + k + 3];
    }
    for (; k < n; k++) {
      s0 += u[uo + k] * v[vo + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** J of the last forward pass against targets y (n rows). */
  double loss(float[] y, int n) {
    return loss.value(f[L], s[L], a[L], y, n, units[L]);
  }

  /** BP1–BP4 after {@link #forward}: gradients averaged over the n rows into g. */
  void backward(float[] y, int n, Gradients g) {
    // BP1: δ^L = ∂J/∂a^L ⊙ f'(s^L)  (a − y for softmax + CE and sigmoid + BCE)
    loss.outputDelta(f[L], s[L], a[L], y, delta[L], n, units[L]);
    float invN = 1f / n;
    for (int l = L; l >= 1; l--) {
      int in = units[l - 1];
      int out = units[l];
      float[] d = delta[l];
      float[] aPrev = a[l - 1];
      float[] gradW = g.gradW[l - 1];
      float[] gradB = g.gradB[l - 1];
      java.util.Arrays.fill(gradW, 0f);
      java.util.Arrays.fill(gradB, 0f);
      // BP3: ∂J/∂b^l = δ^l ; BP4: ∂J/∂W^l = δ^l (a^(l−1))^T, averaged over the batch
      for (int i = 0; i < n; i++) {
        int xi = i * in;
        for (int j = 0; j < out; j++) {
          float dij = d[i * out + j];
          gradB[j] += dij;
          if (dij != 0f) {
            int wj = j * in;
            for (int k = 0; k < in; k++) {
              gradW[wj + k] += dij * aPrev[xi + k];
            }
          }
        }
      }
      for (int i = 0; i < gradW.length; i++) {
        gradW[i] *= invN;
      }
      for (int j = 0; j < out; j++) {
        gradB[j] *= invN;
      }
      if (l > 1) {
        // BP2: δ^(l−1) = ((W^l)^T δ^l) ⊙ f'(s^(l−1))
        float[] Wl = W[l];
        float[] dPrev = delta[l - 1];
        java.util.Arrays.fill(dPrev, 0, n * in, 0f);
        for (int i = 0; i < n; i++) {
          int xi = i * in;
          for (int j = 0; j < out; j++) {
            float dij = d[i * out + j];
            if (dij != 0f) {
              int wj = j * in;
              for (int k = 0; k < in; k++) {
                dPrev[xi + k] += dij * Wl[wj + k];
              }
            }
          }
        }
        f[l - 1].multiplyByDerivative(s[l - 1], a[l - 1], dPrev, n * in);
      }
    }
  }
}
