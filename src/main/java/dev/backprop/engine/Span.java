package dev.backprop.engine;

/**
 * The values [from, to) of a layer's matrices that one optimiser step updates, with the kernel
 * operations limited to them: the whole matrix, as backpropagation hands a layer over on one
 * thread, or a range of it in a range phase (the threads of a {@link BatchSplit} each stepping the
 * rows of their own units at once, see {@link Matrix#prepareRanges}). Each optimiser writes its
 * step once, on a span, and so runs the same arithmetic either way.
 */
final class Span {
  private final Kernel kernel;
  private final boolean whole;

  /** First value of the span. */
  final int from;

  /** End of the span (exclusive). */
  final int to;

  private Span(Kernel kernel, boolean whole, int from, int to) {
    this.kernel = kernel;
    this.whole = whole;
    this.from = from;
    this.to = to;
  }

  /** All of a matrix of {@code size} values, with the kernel's whole-matrix operations. */
  static Span whole(Kernel kernel, int size) {
    return new Span(kernel, true, 0, size);
  }

  /** The values [from, to), in a range phase. */
  static Span range(Kernel kernel, int from, int to) {
    return new Span(kernel, false, from, to);
  }

  /** y ← α x + y on the span. */
  void axpy(float alpha, Matrix x, Matrix y) {
    if (whole) {
      kernel.axpy(alpha, x, y);
    } else {
      kernel.axpy(alpha, x, y, from, to);
    }
  }

  /** x ← α x on the span. */
  void scale(float alpha, Matrix x) {
    if (whole) {
      kernel.scale(alpha, x);
    } else {
      kernel.scale(alpha, x, from, to);
    }
  }

  /** The heap values of m, current on the span, for reading. */
  float[] read(Matrix m) {
    return whole ? m.read() : m.readRange(from, to);
  }

  /** The heap values of m, the span to be overwritten; {@link #written} when done. */
  float[] overwrite(Matrix m) {
    return whole ? m.overwrite() : m.heapForRange();
  }

  /** After the span of m was written on the heap: a range goes to the native side at once. */
  void written(Matrix m) {
    if (!whole) {
      m.pushRange(from, to);
    }
  }
}
