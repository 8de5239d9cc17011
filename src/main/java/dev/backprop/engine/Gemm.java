package dev.backprop.engine;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * C = α op(A) op(B) + β C on contiguous row-major float INDArrays. When ND4J's BLAS is OpenBLAS
 * (the nd4j-native default) this calls OpenBLAS's {@code cblas_sgemm} directly on the arrays'
 * native buffers: the same kernel {@code Nd4j.gemm} ends in, without its 20–40 µs of Java-side
 * dispatch per call, which matters for the small products of a network's last layers. Otherwise it
 * falls back to {@code Nd4j.gemm}.
 */
final class Gemm {
  private static final boolean DIRECT =
      Nd4j.factory().blas().getBlasVendor() == Blas.Vendor.OPENBLAS
          && !Boolean.getBoolean("backprop.engine.nd4jGemm");

  private Gemm() {}

  static void gemm(
      INDArray a,
      INDArray b,
      INDArray c,
      boolean transA,
      boolean transB,
      double alpha,
      double beta) {
    if (!DIRECT) {
      Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
      return;
    }
    int m = c.rows();
    int n = c.columns();
    int k = transA ? a.rows() : a.columns();
    if ((transA ? a.columns() : a.rows()) != m
        || (transB ? b.rows() : b.columns()) != n
        || (transB ? b.columns() : b.rows()) != k) {
      throw new IllegalArgumentException("gemm shape mismatch");
    }
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m,
        n,
        k,
        (float) alpha,
        pointer(a),
        a.columns(),
        pointer(b),
        b.columns(),
        (float) beta,
        pointer(c),
        n);
  }

  private static FloatPointer pointer(INDArray x) {
    if (x.ordering() != 'c' || x.offset() != 0 || x.isView()) {
      throw new IllegalArgumentException("gemm needs contiguous row-major arrays");
    }
    return (FloatPointer) x.data().addressPointer();
  }
}
