package dev.backprop.search;

/**
 * The combinations of a space numbered from 0, as nested loops over its hyperparameters would visit
 * them: the first hyperparameter varies slowest, the last fastest.
 */
final class Combinations {

  private final int[] sizes;
  private final long count;

  /**
   * @param sizes how many values each hyperparameter has, in the space's order
   * @throws ArithmeticException when there are more combinations than a long counts
   */
  Combinations(int[] sizes) {
    long product = 1;
    for (int size : sizes) {
      if (size < 1) {
        throw new IllegalArgumentException("every hyperparameter needs a value");
      }
      product = Math.multiplyExact(product, size);
    }
    this.sizes = sizes.clone();
    this.count = product;
  }

  long count() {
    return count;
  }

  /** The value indices of combination {@code index}, one per hyperparameter. */
  int[] at(long index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException(index + " of " + count);
    }
    int[] values = new int[sizes.length];
    long rest = index;
    for (int i = sizes.length - 1; i >= 0; i--) {
      values[i] = (int) (rest % sizes[i]);
      rest /= sizes[i];
    }
    return values;
  }
}
