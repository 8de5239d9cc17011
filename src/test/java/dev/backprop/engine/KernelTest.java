package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each kernel operation on {@link JavaKernel} and {@link BlasKernel} against a plain reference
 * computed here in double precision, so the two kernels agree with each other and with the math.
 * The BLAS cases also exercise the copies between heap and native values: products leave their
 * result native, the element-wise steps read it on the heap.
 */
class KernelTest {
  private static final Kernel JAVA = JavaKernel.INSTANCE;
  private static final Kernel BLAS = BlasKernel.INSTANCE;
  private static final float TOLERANCE = 1e-5f;

  private final SplittableRandom random = new SplittableRandom(17);

  private float[] values(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      // every fifth value 0, so the Java kernel's skipping of zero factors is exercised
      v[i] = i % 5 == 3 ? 0f : (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static Matrix load(Kernel kernel, float[] values, int rows, int cols) {
    Matrix m = kernel.matrix(rows, cols);
    System.arraycopy(values, 0, m.overwrite(), 0, values.length);
    return m;
  }

  private static void assertValues(Matrix m, float[] expected) {
    float[] actual = java.util.Arrays.copyOf(m.read(), m.size());
    assertThat(actual).containsExactly(expected, within(TOLERANCE));
  }

  @Test
  void weightedInputIsAWTransposedPlusB() {
    int m = 5;
    int in = 7;
    int out = 4;
    float[] a = values(m * in);
    float[] w = values(out * in);
    float[] b = values(out);
    float[] expected = new float[m * out];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < out; j++) {
        double s = b[j];
        for (int k = 0; k < in; k++) {
          s += (double) a[i * in + k] * w[j * in + k];
        }
        expected[i * out + j] = (float) s;
      }
    }
    for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
      Matrix s = kernel.matrix(m, out);
      kernel.weightedInput(
          load(kernel, a, m, in), load(kernel, w, out, in), load(kernel, b, 1, out), s);
      assertValues(s, expected);
    }
  }

  @Test
  void multiplyAddIsAlphaABPlusBetaC() {
    int m = 5;
    int k = 4;
    int n = 7;
    float[] a = values(m * k);
    float[] b = values(k * n);
    float[] c = values(m * n);
    for (float beta : new float[] {0f, 1f, 0.3f}) {
      float[] expected = new float[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int p = 0; p < k; p++) {
            sum += (double) a[i * k + p] * b[p * n + j];
          }
          expected[i * n + j] = (float) (0.7 * sum + beta * c[i * n + j]);
        }
      }
      for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
        Matrix result = load(kernel, c, m, n);
        kernel.multiplyAdd(0.7f, load(kernel, a, m, k), load(kernel, b, k, n), beta, result);
        assertValues(result, expected);
      }
    }
  }

  @Test
  void transposeMultiplyAddIsAlphaATransposedBPlusBetaC() {
    int m = 6;
    int k = 4;
    int n = 7;
    float[] a = values(m * k);
    float[] b = values(m * n);
    float[] c = values(k * n);
    for (float beta : new float[] {0f, 1f, 0.9f}) {
      float[] expected = new float[k * n];
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int i = 0; i < m; i++) {
            sum += (double) a[i * k + p] * b[i * n + j];
          }
          expected[p * n + j] = (float) (-0.2 * sum + beta * c[p * n + j]);
        }
      }
      for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
        Matrix result = load(kernel, c, k, n);
        kernel.transposeMultiplyAdd(
            -0.2f, load(kernel, a, m, k), load(kernel, b, m, n), beta, result);
        assertValues(result, expected);
      }
    }
  }

  @Test
  void axpyAndScaleOnHeapAndOnNativeValues() {
    float[] x = values(12);
    float[] y = values(12);
    float[] expected = new float[12];
    for (int i = 0; i < 12; i++) {
      expected[i] = 0.5f * (y[i] - 1.5f * x[i]);
    }
    for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
      for (boolean productFirst : new boolean[] {false, true}) {
        Matrix xm = load(kernel, x, 3, 4);
        Matrix ym = load(kernel, y, 3, 4);
        if (productFirst) {
          // y ← 1·I·y: the same values, now newest in native memory under BLAS
          Matrix identity = load(kernel, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
          Matrix copy = kernel.matrix(3, 4);
          kernel.multiplyAdd(1f, identity, ym, 0f, copy);
          ym = copy;
        }
        kernel.axpy(-1.5f, xm, ym);
        kernel.scale(0.5f, ym);
        assertValues(ym, expected);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void activationAndDerivativeAgree(Activation f) {
    int m = 3;
    int n = 5;
    float[] s = values(m * n);
    float[] delta = values(m * n);
    for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
      Matrix sm = load(kernel, s, m, n);
      Matrix am = kernel.matrix(m, n);
      kernel.activate(f, sm, am);
      float[] a = am.read();
      for (int i = 0; i < m; i++) {
        double rowSum = 0;
        for (int j = 0; j < n; j++) {
          int at = i * n + j;
          rowSum += a[at];
          if (f != Activation.SOFTMAX) {
            assertThat(a[at]).isCloseTo(f.value(s[at]), within(TOLERANCE));
          }
        }
        if (f == Activation.SOFTMAX) {
          assertThat(rowSum).isCloseTo(1.0, within(1e-6));
        }
      }
      if (f == Activation.SOFTMAX) {
        continue; // no element-wise derivative (its delta is a - y with cross-entropy)
      }
      Matrix dm = load(kernel, delta, m, n);
      kernel.multiplyByDerivative(f, sm, am, dm);
      float[] expected = new float[m * n];
      for (int i = 0; i < m * n; i++) {
        expected[i] = delta[i] * f.derivative(s[i]);
      }
      assertValues(dm, expected);
    }
  }

  @Test
  void columnMeansAverageEachColumn() {
    float[] d = {1, 2, 3, 4, 5, 6, -2, 0, 0.5f};
    for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
      Matrix mean = kernel.matrix(1, 3);
      kernel.columnMeans(load(kernel, d, 3, 3), mean);
      assertValues(mean, new float[] {1f, 7f / 3, 9.5f / 3});
    }
  }

  @Test
  void matricesReshapeWithinTheirCapacity() {
    for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
      Matrix m = kernel.matrix(4, 6);
      m.reshape(3, 8);
      assertThat(m.rows()).isEqualTo(3);
      assertThat(m.size()).isEqualTo(24);
      assertThatThrownBy(() -> m.reshape(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void mismatchedShapesAreRefused() {
    for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
      assertThatThrownBy(
              () ->
                  kernel.multiplyAdd(
                      1f, kernel.matrix(2, 3), kernel.matrix(4, 2), 0f, kernel.matrix(2, 2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(2 x 3) by (4 x 2)");
      assertThatThrownBy(() -> kernel.axpy(1f, kernel.matrix(1, 3), kernel.matrix(1, 4)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * The weighted input built by units, as a split batch builds layer 1's: products for the units
   * [0, 3) and [3, 7) in a range phase, then the biases, give a Wᵀ + b, on either kernel.
   */
  @Test
  void productsByUnitsThenBiasesAreTheWeightedInput() {
    int m = 6;
    int in = 9;
    int out = 7;
    float[] a = values(m * in);
    float[] w = values(out * in);
    float[] b = values(out);
    for (Kernel kernel : new Kernel[] {JAVA, BLAS}) {
      Matrix am = load(kernel, a, m, in);
      Matrix wm = load(kernel, w, out, in);
      Matrix bm = load(kernel, b, 1, out);
      Matrix whole = kernel.matrix(m, out);
      kernel.weightedInput(am, wm, bm, whole);
      am.settleNative();
      wm.settleNative();
      Matrix s = kernel.matrix(m, out);
      s.prepareRanges();
      kernel.productColumns(am, wm, s, 3, 7);
      kernel.productColumns(am, wm, s, 0, 3);
      kernel.addBias(bm, s);
      assertValues(s, java.util.Arrays.copyOf(whole.read(), m * out));
    }
  }

  @Test
  void aHeapOnlyMatrixIsRefusedByTheBlasKernel() {
    assertThatThrownBy(
            () -> BLAS.multiplyAdd(1f, JAVA.matrix(2, 2), BLAS.matrix(2, 2), 0f, BLAS.matrix(2, 2)))
        .isInstanceOf(IllegalStateException.class);
  }
}
