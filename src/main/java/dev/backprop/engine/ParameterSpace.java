package dev.backprop.engine;

/**
 * A network's parameters numbered as one flat index space, W¹, b¹, W², b², … in that order, each
 * matrix row-major: the space the optimiser steps in ranges ({@link Update#stepRange}) and that a
 * {@link BatchSplit} cuts into one range per thread.
 */
final class ParameterSpace {
  /** Ranges are cut at multiples of this many values from a matrix's start (see {@link #cuts}). */
  static final int ALIGN = 64;

  private final int layers;
  private final int[] start; // start[2(l−1)] = W^l, start[2(l−1)+1] = b^l, start[2L] = size

  ParameterSpace(int[] units) {
    layers = units.length - 1;
    start = new int[2 * layers + 1];
    int next = 0;
    for (int l = 1; l <= layers; l++) {
      start[2 * (l - 1)] = next;
      next = Math.addExact(next, Math.multiplyExact(units[l], units[l - 1]));
      start[2 * (l - 1) + 1] = next;
      next = Math.addExact(next, units[l]);
    }
    start[2 * layers] = next;
  }

  /** All weights and biases. */
  int size() {
    return start[2 * layers];
  }

  /**
   * What {@link #forEach} hands over: a part [from, to) of layer l's W or b, in its own indices.
   */
  interface Segment {
    void accept(int l, boolean weights, int from, int to);
  }

  /** The parts of the matrices that the flat range [from, to) covers, W¹ first. */
  void forEach(int from, int to, Segment segment) {
    for (int i = 0; i < 2 * layers; i++) {
      int lo = Math.max(from, start[i]);
      int hi = Math.min(to, start[i + 1]);
      if (lo < hi) {
        segment.accept(i / 2 + 1, i % 2 == 0, lo - start[i], hi - start[i]);
      }
    }
  }

  /**
   * {@code parts} consecutive ranges of about equal size covering the space: cut t sits at the
   * multiple of {@link #ALIGN} (counted from the start of the matrix it falls in) at or below
   * t/parts of the way. An aligned cut keeps the SIMD blocks of a BLAS vector operation where the
   * whole-matrix operation has them, so each range gets the whole's bits. Range t is [cuts[t],
   * cuts[t+1]).
   */
  int[] cuts(int parts) {
    int[] cuts = new int[parts + 1];
    cuts[parts] = size();
    for (int t = 1; t < parts; t++) {
      int target = (int) ((long) size() * t / parts);
      int i = 0;
      while (start[i + 1] <= target) {
        i++;
      }
      cuts[t] = start[i] + (target - start[i]) / ALIGN * ALIGN;
    }
    return cuts;
  }
}
