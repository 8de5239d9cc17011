package dev.backprop.engine;

import java.nio.FloatBuffer;

/**
 * One step of a {@link BatchSplit}: the m rows {@code order[start..start+m)} of (x, targets), cut
 * into {@code slices} consecutive slices, and the optimiser that steps on their summed gradients.
 * Each thread keeps the step it works on, since the next one may be handed over while a thread is
 * still stepping its ranges of this one. {@code buffers} (0 or 1), the parity of the pass that
 * handed the step over, picks the set of shared layer-1 matrices it uses ({@link
 * FirstLayerByUnits}): consecutive steps alternate, and a drain between two (a pass of its own)
 * leaves no thread reading the last step's set.
 */
record SplitStep(
    FloatBuffer x,
    float[] targets,
    int[] order,
    int start,
    int m,
    int slices,
    Update update,
    int buffers) {

  /** First row of slice t within order. */
  int sliceStart(int t) {
    int from = start;
    for (int u = 0; u < t; u++) {
      from += sliceRows(u);
    }
    return from;
  }

  /** Rows of slice t: m split as evenly as it goes, the first m mod slices one row longer. */
  int sliceRows(int t) {
    return m / slices + (t < m % slices ? 1 : 0);
  }

  /** Slice t's share of a batch mean: its rows / the batch's rows. */
  double weight(int t) {
    return (double) sliceRows(t) / m;
  }
}
