package dev.backprop.engine;

/**
 * The arithmetic under the feedforward, backpropagation and the optimisers, on {@link Matrix}
 * values: the three matrix products a network needs, axpy and scaling, and the element-wise steps.
 * Two implementations give the same results within float32 rounding and differ in speed: {@link
 * JavaKernel} (plain loops, no per-call overhead, for small layers) and {@link BlasKernel}
 * (OpenBLAS sgemm on native buffers, for large ones); {@link KernelChoice} picks one by the work
 * per batch.
 *
 * <p>The element-wise steps (activation, its derivative, bias gradient) run in Java on the heap
 * values in both kernels, through the same loops ({@link Activation}, {@link ElementWise}): their
 * work is linear in the matrix size, so a native call would cost more than it saves. Each kernel
 * still has its own small method per step, so the JIT compiles each kernel's calls for the
 * activations and matrices that kernel sees, whichever kernel a process uses first.
 *
 * <p>Matrices passed to one kernel must come from it ({@link #matrix}, {@link #constant}).
 */
interface Kernel {

  /** A rows × cols matrix of zeros. */
  Matrix matrix(int rows, int cols);

  /** A read-only matrix over {@code values} (row-major rows × cols); the array is not copied. */
  Matrix constant(float[] values, int rows, int cols);

  /**
   * The feedforward's weighted input, one example per row: s ← a Wᵀ + b, that is s_ij = Σ_k a_ik
   * w_jk + b_j for every row i (s^l = W^l a^(l−1) + b^l for each example).
   */
  void weightedInput(Matrix a, Matrix w, Matrix b, Matrix s);

  /**
   * {@link #weightedInput(Matrix, Matrix, Matrix, Matrix)} given also W's transpose {@code wT}
   * (units_{l−1} rows of units_l, from {@link #transposedConstant}; null when this kernel made
   * none, or W changes, as in training): a kernel may read whichever layout it computes faster.
   */
  default void weightedInput(Matrix a, Matrix w, float[][] wT, Matrix b, Matrix s) {
    weightedInput(a, w, b, s);
  }

  /**
   * A read-only copy of the transpose of {@code values} (row-major rows × cols), one array per row
   * of the transpose, for the {@code wT} of {@link #weightedInput(Matrix, Matrix, float[][],
   * Matrix, Matrix)}, or null when this kernel does not read one.
   */
  default float[][] transposedConstant(float[] values, int rows, int cols) {
    return null;
  }

  /** C ← α A B + β C (A is m × k, B is k × n, C is m × n); with β = 0, C's values are ignored. */
  void multiplyAdd(float alpha, Matrix a, Matrix b, float beta, Matrix c);

  /** C ← α Aᵀ B + β C (A is m × k, B is m × n, C is k × n); with β = 0, C's values are ignored. */
  void transposeMultiplyAdd(float alpha, Matrix a, Matrix b, float beta, Matrix c);

  /**
   * Rows [from, to) of C ← α Aᵀ B + β C (A is m × k, B is m × n, C is k × n), the other rows left
   * alone, in a range phase ({@link Matrix#prepareRanges}): several threads may each run it on
   * their own rows of the same C at once, reading the same A and B. This default runs on the heap
   * values, as a heap-only matrix (JavaKernel's) has them; a kernel with native buffers overrides
   * it. Each value sums over the rows of A in order, so a given cut gives the same bits each time.
   */
  default void transposeMultiplyAddRows(
      float alpha, Matrix a, Matrix b, float beta, Matrix c, int from, int to) {
    requireProductShape(a.cols(), a.rows(), b.rows(), b.cols(), c);
    int m = a.rows();
    int k = a.cols();
    int n = b.cols();
    float[] av = a.read();
    float[] bv = b.read();
    float[] cv = c.heapForRange();
    for (int p = from; p < to; p++) {
      int row = p * n;
      if (beta == 0f) {
        java.util.Arrays.fill(cv, row, row + n, 0f);
      } else if (beta != 1f) {
        ElementWise.scale(beta, cv, row, row + n);
      }
      for (int i = 0; i < m; i++) {
        float aip = alpha * av[i * k + p];
        int bi = i * n;
        for (int j = 0; j < n; j++) {
          cv[row + j] += aip * bv[bi + j];
        }
      }
    }
    c.pushRange(from * n, to * n);
  }

  /**
   * Columns [from, to) of s ← a Wᵀ (rows [from, to) of W, the weighted inputs of those units
   * without their biases), the other columns left alone, in a range phase ({@link
   * Matrix#prepareRanges}): several threads may each run it on their own units of the same s at
   * once, reading the same a and W. This default runs on the heap values, as a heap-only matrix
   * (JavaKernel's) has them; a kernel with native buffers overrides it. {@link #addBias} completes
   * s once all units are in.
   */
  default void productColumns(Matrix a, Matrix w, Matrix s, int from, int to) {
    int m = a.rows();
    int in = a.cols();
    int out = s.cols();
    Kernel.requireProductShape(m, in, w.cols(), w.rows(), s);
    float[] x = a.read();
    float[] weights = w.read();
    float[] result = s.heapForRange();
    for (int i = 0; i < m; i++) {
      for (int j = from; j < to; j++) {
        result[i * out + j] = JavaKernel.dot(weights, j * in, x, i * in, in);
      }
    }
  }

  /** s ← s + b, b added to every row; in Java on either kernel, as {@link #activate}. */
  default void addBias(Matrix b, Matrix s) {
    if (b.size() != s.cols()) {
      throw new IllegalArgumentException(b.size() + " biases for " + s.cols() + " units");
    }
    ElementWise.addBias(s.write(), b.read(), s.rows(), s.cols());
  }

  /** y ← α x + y, element-wise over x's size. */
  void axpy(float alpha, Matrix x, Matrix y);

  /** x ← α x. */
  void scale(float alpha, Matrix x);

  /**
   * y ← α x + y on the values [from, to) only, in a range phase ({@link Matrix#prepareRanges}):
   * several threads may each run it on their own range of the same matrices at once. A range that
   * starts at a multiple of 64 gives the same bits as that part of the whole-matrix operation on
   * the same side (SIMD blocks line up), so a whole cut at such points equals the whole.
   */
  void axpy(float alpha, Matrix x, Matrix y, int from, int to);

  /** x ← α x on the values [from, to) only, in a range phase, as the range {@link #axpy}. */
  void scale(float alpha, Matrix x, int from, int to);

  /**
   * a ← f(s), row by row (softmax normalises each row). Element-wise work runs in Java on either
   * kernel: a native call would cost more than the loop at every size measured.
   */
  default void activate(Activation f, Matrix s, Matrix a) {
    requireSameSize(s, a);
    f.apply(s.read(), a.overwrite(), s.rows(), s.cols());
  }

  /** δ ← δ ⊙ f'(s), given s and a = f(s); in Java on either kernel, as {@link #activate}. */
  default void multiplyByDerivative(Activation f, Matrix s, Matrix a, Matrix delta) {
    requireSameSize(s, delta);
    requireSameSize(a, delta);
    f.multiplyByDerivative(s.read(), a.read(), delta.write(), delta.size());
  }

  /** mean_j ← (1/m) Σ_i δ_ij over the m rows of δ (a 1 × cols result); in Java on either kernel. */
  default void columnMeans(Matrix delta, Matrix mean) {
    requireMeans(delta, mean);
    ElementWise.columnMeans(delta.read(), delta.rows(), delta.cols(), mean.overwrite());
  }

  static void requireSameSize(Matrix x, Matrix y) {
    if (x.size() != y.size()) {
      throw new IllegalArgumentException("sizes differ: " + x.size() + " and " + y.size());
    }
  }

  /** Checks that op(A) op(B) fits into C: op(A) is m × k, op(B) is k × n, C is m × n. */
  static void requireProductShape(int am, int ak, int bk, int bn, Matrix c) {
    if (ak != bk || c.rows() != am || c.cols() != bn) {
      throw productShapeError(am, ak, bk, bn, c);
    }
  }

  private static IllegalArgumentException productShapeError(
      int am, int ak, int bk, int bn, Matrix c) {
    return new IllegalArgumentException(
        "cannot put a ("
            + am
            + " x "
            + ak
            + ") by ("
            + bk
            + " x "
            + bn
            + ") product into "
            + c.rows()
            + " x "
            + c.cols());
  }

  static void requireMeans(Matrix delta, Matrix mean) {
    if (mean.size() != delta.cols()) {
      throw new IllegalArgumentException(mean.size() + " means for " + delta.cols() + " columns");
    }
  }
}
