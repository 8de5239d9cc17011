package dev.backprop.engine;

/** Counting the rows a network gets right, for training and validation accuracy. */
final class Accuracy {
  private Accuracy() {}

  /**
   * Rows whose prediction matches the target: argmax for softmax classifiers; for sigmoid +
   * binary_cross_entropy every output thresholded at 0.5. 0 when the network is no classifier.
   */
  static int correct(NetworkSpec spec, float[] a, float[] y, int n) {
    if (!spec.isClassifier()) {
      return 0;
    }
    int k = spec.outputs();
    int correct = 0;
    if (spec.outputActivation() == Activation.SOFTMAX) {
      for (int r = 0; r < n; r++) {
        int o = r * k;
        if (argmax(a, o, k) == argmax(y, o, k)) {
          correct++;
        }
      }
    } else {
      for (int r = 0; r < n; r++) {
        int o = r * k;
        boolean ok = true;
        for (int j = 0; j < k && ok; j++) {
          ok = (a[o + j] >= 0.5f) == (y[o + j] >= 0.5f);
        }
        if (ok) {
          correct++;
        }
      }
    }
    return correct;
  }

  static int argmax(float[] v, int offset, int length) {
    int best = 0;
    for (int j = 1; j < length; j++) {
      if (v[offset + j] > v[offset + best]) {
        best = j;
      }
    }
    return best;
  }
}
