package dev.backprop.engine;

/**
 * The feedforward and backpropagation, once, for either kernel. Layers are numbered l = 1..L with
 * a^0 the input (see {@link Layers}); a batch holds one example per row, so each equation below,
 * written for one example, is applied to every row.
 */
final class Propagation {
  private Propagation() {}

  /**
   * s^l = W^l a^(l−1) + b^l and a^l = f(s^l) for l = 1..L, from the input in {@code batch.a[0]}.
   */
  static void forward(Layers net, Batch batch) {
    forward(net, batch, false);
  }

  /**
   * {@link #forward(Layers, Batch)}, where {@code firstProducts} says that W^1 a^0 is in s^1
   * already (computed by units on several threads: {@link BatchSplit}), so that layer only adds
   * b^1.
   */
  static void forward(Layers net, Batch batch, boolean firstProducts) {
    Kernel k = net.kernel;
    Matrix[] s = batch.s;
    Matrix[] a = batch.a;
    for (int l = 1; l <= net.L; l++) {
      if (l == 1 && firstProducts) {
        k.addBias(net.b[l], s[l]);
      } else {
        k.weightedInput(a[l - 1], net.W[l], net.Wt[l], net.b[l], s[l]);
      }
      k.activate(net.f(l), s[l], a[l]);
    }
  }

  /**
   * BP1–BP4 after {@link #forward} on the same batch, against the targets y (row-major, one row per
   * example). Each layer's gradients go to {@code sink} as soon as they are known, from l = L down
   * to 1; by then BP2 has used W^l, so the sink may update layer l in place.
   */
  static void backward(Layers net, Batch batch, float[] y, GradientSink sink) {
    Kernel k = net.kernel;
    Matrix[] s = batch.s;
    Matrix[] a = batch.a;
    Matrix[] delta = batch.delta;
    int L = net.L;
    Loss loss = net.spec.loss();
    // BP1: δ^L = ∂J/∂a^L ⊙ f'(s^L)
    loss.outputDelta(
        net.f(L), s[L].read(), a[L].read(), y, delta[L].overwrite(), batch.rows(), net.units[L]);
    for (int l = L; l >= 1; l--) {
      // BP3: gradB = ∂J/∂b^l = δ^l, averaged over the batch
      Matrix gradB = batch.gradB[l];
      k.columnMeans(delta[l], gradB);
      sink.biasGradient(l, gradB);
      if (l > 1) {
        // BP2: δ^(l−1) = ((W^l)ᵀ δ^l) ⊙ f'(s^(l−1)); a row per example, so δ^(l−1) = δ^l W^l
        k.multiplyAdd(1f, delta[l], net.W[l], 0f, delta[l - 1]);
        k.multiplyByDerivative(net.f(l - 1), s[l - 1], a[l - 1], delta[l - 1]);
      }
      // BP4: gradW = ∂J/∂W^l = δ^l (a^(l−1))ᵀ, averaged over the batch: (1/m) δᵀ a^(l−1),
      // handed over as its two factors (sgd adds the product straight into W^l)
      sink.weightGradient(l, delta[l], a[l - 1]);
    }
  }
}
