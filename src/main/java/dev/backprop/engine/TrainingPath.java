package dev.backprop.engine;

/** One way of running training steps on the trainer's working parameters (Java or ND4J). */
interface TrainingPath {
  /**
   * Feedforward, backpropagation and one optimiser update on m rows (row-major x and y); returns
   * the batch's data loss J before the update.
   */
  double step(float[] x, float[] y, int m);

  /**
   * As {@link #step(float[], float[], int)} on the m rows {@code rows[start..start+m)} of the
   * row-major training set (x, y); paths may gather them straight into their own buffers.
   */
  double step(float[] x, float[] y, int[] rows, int start, int m);

  /** Rows classified correctly by the forward pass of the last step. */
  int lastCorrect();

  /** A copy of the current parameters. */
  Parameters snapshot();
}
