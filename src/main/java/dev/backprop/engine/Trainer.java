package dev.backprop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Mini-batch training by backpropagation.
 *
 * <ul>
 *   <li>The rows are split and standardised as {@link TrainingSplit} describes.
 *   <li>Each epoch visits the training rows once, in a seeded shuffle when config.shuffle, else in
 *       order, in batches of batchSize (the last may be smaller). Epoch e's order is a shuffle of
 *       the rows in their original order by a generator seeded from (seed, e) alone, so a run
 *       resumed from a {@link Checkpoint} needs no generator state. The cancellation check runs
 *       before every batch.
 *   <li>After each epoch: the training loss (the mean batch loss plus the L2 term (λ/2) Σ w²),
 *       training accuracy for classifiers, and the validation loss and accuracy when rows were set
 *       aside; then the listener, then early stopping ({@link BestEpoch}).
 * </ul>
 *
 * A run resumed from a checkpoint after epoch k runs epochs k + 1 onwards bit for bit as the
 * uninterrupted run does (same parameters, optimiser state and metrics), on the same kernel.
 *
 * <p>With sgd, no shuffle, no validation, no standardisation and batchSize ≥ rows, an epoch is
 * exactly one full-batch step W ← W − η (∂J/∂W + l2 W), b ← b − η ∂J/∂b.
 */
public final class Trainer {
  private Trainer() {}

  public static TrainingResult train(
      NetworkSpec spec,
      Model warmStart,
      TrainingData data,
      TrainingConfig config,
      TrainingListener listener,
      BooleanSupplier cancelled) {
    return train(spec, warmStart, data, config, listener, cancelled, null, null);
  }

  /**
   * As above, saving checkpoints where {@code checkpoints} says (none if null), and resuming from
   * {@code resume} if not null: its parameters and standardisation replace the warm start's.
   */
  public static TrainingResult train(
      NetworkSpec spec,
      Model warmStart,
      TrainingData data,
      TrainingConfig config,
      TrainingListener listener,
      BooleanSupplier cancelled,
      Checkpoint resume,
      CheckpointSink checkpoints) {
    return train(spec, warmStart, data, config, listener, cancelled, resume, checkpoints, 1);
  }

  /**
   * As above, splitting each batch across up to {@code threads} threads when the network and batch
   * are large enough to gain from it ({@link ThreadChoice}; see {@link BatchSplit}). One thread
   * gives the results of the calls above bit for bit; a given number of threads gives the same
   * results run after run, equal to one thread's within float rounding.
   */
  public static TrainingResult train(
      NetworkSpec spec,
      Model warmStart,
      TrainingData data,
      TrainingConfig config,
      TrainingListener listener,
      BooleanSupplier cancelled,
      Checkpoint resume,
      CheckpointSink checkpoints,
      int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    return new Run(listener, cancelled, checkpoints, null, threads, RowBuffers.SHARED)
        .train(spec, warmStart, data, config, resume);
  }

  /** As above; a non-null {@code kernel} is used instead of the one chosen (tests compare them). */
  static TrainingResult train(
      NetworkSpec spec,
      Model warmStart,
      TrainingData data,
      TrainingConfig config,
      TrainingListener listener,
      BooleanSupplier cancelled,
      Kernel kernel) {
    return new Run(listener, cancelled, null, kernel, 1, RowBuffers.SHARED)
        .train(spec, warmStart, data, config, null);
  }

  /**
   * As above on {@code threads} threads, the off-heap rows taken from and given back to {@code
   * rows} instead of the process's pool (tests see what a run leaves there).
   */
  static TrainingResult train(
      NetworkSpec spec,
      TrainingData data,
      TrainingConfig config,
      TrainingListener listener,
      int threads,
      RowBuffers rows) {
    return new Run(listener, null, null, null, threads, rows).train(spec, null, data, config, null);
  }

  /**
   * What a run reports to and is told by, the kernel it must use (null: the one chosen), the
   * threads it may split a batch across and the pool its off-heap rows come from and go back to.
   */
  private record Run(
      TrainingListener listener,
      BooleanSupplier cancelled,
      CheckpointSink checkpoints,
      Kernel kernel,
      int threads,
      RowBuffers rows) {

    TrainingResult train(
        NetworkSpec spec,
        Model warmStart,
        TrainingData data,
        TrainingConfig config,
        Checkpoint resume) {
      checkShapes(spec, data, config);
      Parameters initial = resume != null ? resume.parameters : initialParameters(spec, warmStart);
      if (!initial.matches(spec)) {
        throw new IllegalArgumentException("the checkpoint does not match the network definition");
      }
      Standardization fixed =
          resume != null
              ? resume.standardization
              : warmStart == null ? null : warmStart.standardization();
      try (TrainingSplit split = TrainingSplit.of(data, config, fixed, rows)) {
        return train(spec, initial, config, resume, split);
      }
    }

    /** Runs on {@code split}; the descent (and its threads) ends before the split is closed. */
    private TrainingResult train(
        NetworkSpec spec,
        Parameters initial,
        TrainingConfig config,
        Checkpoint resume,
        TrainingSplit split) {
      int batchSize = Math.min(config.batchSize(), split.trainRows);
      int[] units = initial.unitsArray();
      int slices = ThreadChoice.forBatch(units, batchSize, threads);
      Kernel chosen =
          kernel != null ? kernel : KernelChoice.forBatch(units, (batchSize + slices - 1) / slices);
      Validation validation = split.validationRows > 0 ? new Validation(spec, split, units) : null;
      try (GradientDescent descent = new GradientDescent(spec, initial, config, chosen, slices)) {
        return train(spec, config, resume, split, batchSize, descent, validation);
      }
    }

    private TrainingResult train(
        NetworkSpec spec,
        TrainingConfig config,
        Checkpoint resume,
        TrainingSplit split,
        int batchSize,
        GradientDescent descent,
        Validation validation) {
      BestEpoch best = new BestEpoch(config);
      List<EpochMetrics> history = new ArrayList<>();
      int first = 1;
      if (resume != null) {
        descent.restoreOptimizer(resume.optimizerSteps, resume.optimizerState);
        best.restore(resume);
        history.addAll(resume.history);
        first = resume.epoch + 1;
      }
      for (int epoch = first; epoch <= config.epochs(); epoch++) {
        int[] order = epochOrder(config, epoch, split.trainRows);
        EpochTotals totals = trainEpoch(epoch, descent, split, order, batchSize, cancelled);
        EpochParameters current = new EpochParameters(descent);
        EpochMetrics metrics = evaluate(epoch, totals, current, spec, config, split, validation);
        history.add(metrics);
        if (listener != null) {
          listener.onEpoch(metrics);
        }
        if (best.stopAfter(metrics, current)) {
          break;
        }
        if (checkpoints != null && epoch < config.epochs() && checkpoints.due(epoch)) {
          checkpoints.save(best.checkpoint(descent, current.get(), split.standardization, history));
        }
      }
      return best.result(spec, descent, split.standardization, history);
    }
  }

  /** The rows' order in {@code epoch}: a function of the seed and the epoch's number alone. */
  static int[] epochOrder(TrainingConfig config, int epoch, int rows) {
    int[] order = TrainingSplit.identity(rows);
    if (config.shuffle()) {
      TrainingSplit.shuffle(order, new SplittableRandom(mix(config.seed(), epoch)));
    }
    return order;
  }

  /** SplitMix64's finaliser over seed + epoch·γ: unrelated streams for neighbouring epochs. */
  private static long mix(long seed, int epoch) {
    long z = seed + epoch * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void checkShapes(NetworkSpec spec, TrainingData data, TrainingConfig config) {
    if (spec == null || data == null || config == null) {
      throw new IllegalArgumentException("spec, data and config are required");
    }
    int columns = data.features().width();
    if (columns != spec.inputs()) {
      throw new IllegalArgumentException(
          "features have " + columns + " columns, the network has " + spec.inputs() + " inputs");
    }
    int targets = data.targets().width();
    if (targets != spec.outputs()) {
      throw new IllegalArgumentException(
          "targets have " + targets + " columns, the network has " + spec.outputs() + " outputs");
    }
  }

  private static Parameters initialParameters(NetworkSpec spec, Model warmStart) {
    if (warmStart == null) {
      return Parameters.initialize(spec);
    }
    if (!warmStart.parameters().matches(spec)) {
      throw new IllegalArgumentException(
          "the warm start's parameters do not match the network definition");
    }
    return warmStart.parameters();
  }

  /** The sum of the batch losses, the number of batches and the rows classified correctly. */
  private record EpochTotals(double lossSum, int batches, long correct) {}

  private static EpochTotals trainEpoch(
      int epoch,
      GradientDescent descent,
      TrainingSplit split,
      int[] order,
      int batchSize,
      BooleanSupplier cancelled) {
    double lossSum = 0;
    int batches = 0;
    long correct = 0;
    for (int start = 0; start < split.trainRows; start += batchSize) {
      if (cancelled != null && cancelled.getAsBoolean()) {
        throw new TrainingCancelledException(
            "training cancelled in epoch " + epoch + " before row " + start);
      }
      int m = Math.min(batchSize, split.trainRows - start);
      lossSum += descent.step(split.x, split.y, order, start, m);
      correct += descent.lastCorrect();
      batches++;
    }
    return new EpochTotals(lossSum, batches, correct);
  }

  private static EpochMetrics evaluate(
      int epoch,
      EpochTotals totals,
      EpochParameters current,
      NetworkSpec spec,
      TrainingConfig config,
      TrainingSplit split,
      Validation validation) {
    boolean classifier = spec.isClassifier();
    double loss = totals.lossSum() / totals.batches() + l2Term(current, config.l2());
    Double accuracy = classifier ? (double) totals.correct() / split.trainRows : null;
    Double validationLoss = null;
    Double validationAccuracy = null;
    if (validation != null) {
      Validation.Measured measured = validation.measure(current.get());
      validationLoss = measured.loss();
      validationAccuracy = measured.accuracy();
    }
    return new EpochMetrics(epoch, loss, validationLoss, accuracy, validationAccuracy);
  }

  /** (λ/2) Σ w² over the weights (not the biases). */
  private static double l2Term(EpochParameters current, double l2) {
    if (l2 == 0) {
      return 0;
    }
    Parameters p = current.get();
    double sum = 0;
    for (int l = 0; l < p.layerCount(); l++) {
      for (float w : p.w(l)) {
        sum += (double) w * w;
      }
    }
    return 0.5 * l2 * sum;
  }
}
