package dev.backprop.engine;

/**
 * The last phase of a {@link BatchSplit} step: each thread takes its own units of every layer
 * (about 1/threads of each layer's rows of W and entries of b), forms those rows of ∂J/∂W^l from
 * every slice's δ and a in slice order and steps the optimiser on them ({@link
 * Update#stepWeightRows}; sgd adds the products straight into W^l, as one thread does), and adds
 * the slices' bias gradients for its units, each weighted by its rows / m since they are means.
 * Layer 1's rows come from the whole batch's δ^1 and input at once ({@link FirstLayerByUnits}).
 */
final class SplitRanges {
  private final Layers net;
  private final int threads;
  private final Matrix[] gradW; // the batch's weight gradients, for optimisers that keep them
  private final Matrix[] gradB; // the batch's bias gradients

  SplitRanges(Layers net, int threads) {
    this.net = net;
    this.threads = threads;
    gradW = new Matrix[net.L + 1];
    gradB = new Matrix[net.L + 1];
    for (int l = 1; l <= net.L; l++) {
      gradW[l] = net.kernel.matrix(net.units[l], net.units[l - 1]);
      gradB[l] = net.kernel.matrix(1, net.units[l]);
    }
  }

  /** The first of thread t's units of layer l (t = threads: the layer's width). */
  int unitFrom(int l, int t) {
    return net.units[l] * t / threads;
  }

  /**
   * Once all slices are done and no range is under way, on one thread: the optimiser begins its
   * step, and the matrices the range steps use enter that phase ({@link Matrix#prepareRanges}).
   */
  void prepare(Update update) {
    update.beginStep();
    for (int l = 1; l <= net.L; l++) {
      gradW[l].prepareRanges();
      gradB[l].prepareRanges();
    }
    update.prepareRanges();
  }

  /**
   * Thread t's units of every layer, for the step {@code task}: their gradients summed over the
   * slices ({@code shares}; layer 1's from {@code first}), and their step.
   */
  void step(int t, SplitStep task, SliceGradients[] first, SliceGradients[] shares) {
    Update update = task.update();
    double invM = 1.0 / task.m();
    for (int l = 1; l <= net.L; l++) {
      int from = unitFrom(l, t);
      int to = unitFrom(l, t + 1);
      if (from < to) {
        if (l == 1) {
          update.stepWeightRows(l, from, to, first, 1, invM, gradW[l]);
        } else {
          update.stepWeightRows(l, from, to, shares, task.slices(), invM, gradW[l]);
        }
        sumBiasGradients(l, from, to, task, shares);
        update.stepBiases(l, gradB[l], Span.range(net.kernel, from, to));
      }
    }
  }

  /** ∂J/∂b^l over the units [from, to): the slices' means weighted by their rows, in order. */
  private void sumBiasGradients(int l, int from, int to, SplitStep task, SliceGradients[] shares) {
    float[] sum = gradB[l].heapForRange();
    java.util.Arrays.fill(sum, from, to, 0f);
    for (int t = 0; t < task.slices(); t++) {
      // a slice's bias gradient is its columnMeans, newest on the heap
      ElementWise.axpy((float) task.weight(t), shares[t].gradB[l].read(), sum, from, to);
    }
    gradB[l].pushRange(from, to);
  }
}
