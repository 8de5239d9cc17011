package dev.backprop.engine;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernel for large layers: the matrix products run as OpenBLAS {@code cblas_sgemm} on native
 * buffers that ND4J allocates. It is the routine {@code Nd4j.gemm} ends in, called directly, which
 * saves ND4J's 20–40 µs of Java-side dispatch per call (it matters for a network's small last
 * layers). {@link Engine#initialize()} has restricted OpenBLAS to one thread.
 *
 * <p>The element-wise steps run in Java on the heap copies ({@link Matrix} moves the values across
 * when a side is stale). axpy and scaling run as {@code cblas_saxpy}/{@code cblas_sscal} when an
 * operand's newest values are native (the weights and their gradients, which sgemm writes), and in
 * Java otherwise (biases), so neither side is copied only to be updated.
 */
final class BlasKernel implements Kernel {
  static final BlasKernel INSTANCE = new BlasKernel();

  private BlasKernel() {
    Engine.initialize();
  }

  @Override
  public Matrix matrix(int rows, int cols) {
    return mirror(new float[Math.multiplyExact(rows, cols)], rows, cols);
  }

  @Override
  public Matrix constant(float[] values, int rows, int cols) {
    return mirror(values, rows, cols);
  }

  /** A matrix over {@code values} with a native copy of them. */
  private static Matrix mirror(float[] values, int rows, int cols) {
    DataBuffer buffer = Nd4j.createBuffer(DataType.FLOAT, Math.max(1, values.length), false);
    var nio = buffer.asNioFloat();
    nio.put(0, values, 0, values.length);
    return Matrix.mirrored(values, rows, cols, buffer, (FloatPointer) buffer.addressPointer(), nio);
  }

  @Override
  public void weightedInput(Matrix a, Matrix w, Matrix b, Matrix s) {
    int m = a.rows();
    int out = w.rows();
    Kernel.requireProductShape(m, a.cols(), w.cols(), out, s);
    if (b.size() != out) {
      throw new IllegalArgumentException(b.size() + " biases for " + out + " units");
    }
    sgemm(false, true, m, out, a.cols(), 1f, a, w, 0f, s);
    // s + b on the heap: the activation that follows needs s there anyway.
    ElementWise.addBias(s.write(), b.read(), m, out);
  }

  @Override
  public void multiplyAdd(float alpha, Matrix a, Matrix b, float beta, Matrix c) {
    Kernel.requireProductShape(a.rows(), a.cols(), b.rows(), b.cols(), c);
    sgemm(false, false, a.rows(), b.cols(), a.cols(), alpha, a, b, beta, c);
  }

  @Override
  public void transposeMultiplyAdd(float alpha, Matrix a, Matrix b, float beta, Matrix c) {
    Kernel.requireProductShape(a.cols(), a.rows(), b.rows(), b.cols(), c);
    sgemm(true, false, a.cols(), b.cols(), a.rows(), alpha, a, b, beta, c);
  }

  /**
   * In a range phase: sgemm on C's rows [from, to) alone, A's columns [from, to) read with A's full
   * row stride; A and B must have current native sides ({@link Matrix#settleNative}), which are
   * only read, through pointers of this call's own.
   */
  @Override
  public void transposeMultiplyAddRows(
      float alpha, Matrix a, Matrix b, float beta, Matrix c, int from, int to) {
    Kernel.requireProductShape(a.cols(), a.rows(), b.rows(), b.cols(), c);
    int n = b.cols();
    openblas_nolapack.cblas_sgemm(
        CblasRowMajor,
        CblasTrans,
        CblasNoTrans,
        to - from,
        n,
        a.rows(),
        alpha,
        a.nativeFrom(from),
        a.cols(),
        b.nativeFrom(0),
        n,
        beta,
        c.nativeFrom(from * n),
        n);
  }

  /**
   * In a range phase: sgemm into s's columns [from, to) alone (s's full row stride), from W's rows
   * [from, to); a and W must have current native sides, which are only read, through pointers of
   * this call's own.
   */
  @Override
  public void productColumns(Matrix a, Matrix w, Matrix s, int from, int to) {
    int in = a.cols();
    Kernel.requireProductShape(a.rows(), in, w.cols(), w.rows(), s);
    openblas_nolapack.cblas_sgemm(
        CblasRowMajor,
        CblasNoTrans,
        CblasTrans,
        a.rows(),
        to - from,
        in,
        1f,
        a.nativeFrom(0),
        in,
        w.nativeFrom(from * in),
        in,
        0f,
        s.nativeFrom(from),
        s.cols());
  }

  @Override
  public void axpy(float alpha, Matrix x, Matrix y) {
    Kernel.requireSameSize(x, y);
    if (x.nativeIsNewer() || y.nativeIsNewer()) {
      openblas_nolapack.cblas_saxpy(x.size(), alpha, x.nativeRead(), 1, y.nativeWrite(), 1);
    } else {
      ElementWise.axpy(alpha, x.read(), y.write(), x.size());
    }
  }

  @Override
  public void scale(float alpha, Matrix x) {
    if (x.nativeIsNewer()) {
      openblas_nolapack.cblas_sscal(x.size(), alpha, x.nativeWrite(), 1);
    } else {
      ElementWise.scale(alpha, x.write(), x.size());
    }
  }

  /**
   * In a range phase the native side holds the newest values of every matrix ({@link
   * Matrix#prepareRanges}), so the range runs there, on pointers offset to its start.
   */
  @Override
  public void axpy(float alpha, Matrix x, Matrix y, int from, int to) {
    Kernel.requireSameSize(x, y);
    openblas_nolapack.cblas_saxpy(to - from, alpha, x.nativeFrom(from), 1, y.nativeFrom(from), 1);
  }

  @Override
  public void scale(float alpha, Matrix x, int from, int to) {
    openblas_nolapack.cblas_sscal(to - from, alpha, x.nativeFrom(from), 1);
  }

  /** C ← α op(A) op(B) + β C with op(A) m × k, op(B) k × n, all row-major and contiguous. */
  private static void sgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      Matrix a,
      Matrix b,
      float beta,
      Matrix c) {
    FloatPointer pa = a.nativeRead();
    FloatPointer pb = b.nativeRead();
    FloatPointer pc = beta == 0f ? c.nativeOverwrite() : c.nativeWrite();
    openblas_nolapack.cblas_sgemm(
        CblasRowMajor,
        transA ? CblasTrans : CblasNoTrans,
        transB ? CblasTrans : CblasNoTrans,
        m,
        n,
        k,
        alpha,
        pa,
        a.cols(),
        pb,
        b.cols(),
        beta,
        pc,
        c.cols());
  }

  @Override
  public String toString() {
    return "blas";
  }
}
