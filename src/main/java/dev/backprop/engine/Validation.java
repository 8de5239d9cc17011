package dev.backprop.engine;

/**
 * The validation loss and accuracy of a run's rows set aside ({@link TrainingSplit}), each epoch
 * through the one {@link Batch} kept for the run. A feedforward on buffers of its own, as each
 * epoch made before, allocated every epoch buffers as large as the validation part for each layer,
 * on the heap and with {@link BlasKernel} natively as well (26 MB an epoch for 40,000 rows of
 * 50-16-3), the last epoch's often still uncollected when the next epoch allocated its own.
 *
 * <p>The rows go through at once, on the kernel chosen for all of them, as before: sgemm's results
 * depend on the number of rows (measured: most values of 10,000 rows differ in their last bits when
 * run in chunks of 1 to 8,192 rows), so chunks would change the validation loss; and a validation
 * part large enough to gain from chunks always runs on {@link BlasKernel} ({@link KernelChoice}).
 */
final class Validation {
  private final NetworkSpec spec;
  private final TrainingSplit split;
  private final int[] units;
  private final Kernel kernel;
  private Batch batch;

  /** What {@link #measure} found: the loss, and the accuracy (null for a network that is none). */
  record Measured(double loss, Double accuracy) {}

  /** For a split with validation rows, through layers of these widths. */
  Validation(NetworkSpec spec, TrainingSplit split, int[] units) {
    this.spec = spec;
    this.split = split;
    this.units = units;
    this.kernel = KernelChoice.forBatch(units, split.validationRows);
  }

  /** The loss and accuracy of parameters {@code p} on the validation rows. */
  Measured measure(Parameters p) {
    int rows = split.validationRows;
    if (batch == null) { // at the first epoch's end, as the feedforward of each epoch was
      batch = new Batch(kernel, false).prepare(units, rows);
    }
    split.validX.get(0, batch.input().overwrite(), 0, split.validX.capacity());
    Propagation.forward(Layers.readOnly(kernel, spec, p), batch);
    float[] a = batch.output().read();
    double loss =
        spec.loss()
            .value(
                spec.outputActivation(),
                batch.outputWeightedInput().read(),
                a,
                split.validY,
                rows,
                spec.outputs());
    Double accuracy =
        spec.isClassifier() ? (double) Accuracy.correct(spec, a, split.validY, rows) / rows : null;
    return new Measured(loss, accuracy);
  }
}
