package dev.backprop.engine;

import java.util.List;
import java.util.function.Supplier;

/**
 * Which epoch's parameters a training run keeps. Without early stopping, the last epoch's. With it,
 * the epoch with the lowest monitored loss (the validation loss, or the training loss without a
 * validation part) that improved on the best before it by more than minDelta; the run stops after
 * patience epochs without such an improvement.
 */
final class BestEpoch {
  private final EarlyStopping early;
  private final int epochs;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private Parameters bestParameters;
  private int withoutImprovement;
  private boolean stoppedEarly;
  private int lastEpoch;

  BestEpoch(TrainingConfig config) {
    this.early = config.earlyStopping();
    this.epochs = config.epochs();
  }

  /**
   * Records an epoch and its parameters (copied only if they are kept); true when training should
   * stop here.
   */
  boolean stopAfter(EpochMetrics metrics, Supplier<Parameters> current) {
    int epoch = metrics.epoch();
    lastEpoch = epoch;
    if (early == null) {
      if (epoch == epochs) {
        keep(epoch, current.get());
      }
      return false;
    }
    double monitored = metrics.validationLoss() != null ? metrics.validationLoss() : metrics.loss();
    if (monitored < best - early.minDelta()) {
      best = monitored;
      keep(epoch, current.get());
      withoutImprovement = 0;
      return false;
    }
    if (++withoutImprovement >= early.patience()) {
      stoppedEarly = epoch < epochs;
      return true;
    }
    return false;
  }

  /** Takes up where a checkpoint left off. */
  void restore(Checkpoint c) {
    best = c.bestLoss;
    bestEpoch = c.bestEpoch;
    bestParameters = c.bestParameters;
    withoutImprovement = c.withoutImprovement;
    lastEpoch = c.epoch;
  }

  /**
   * A checkpoint after the last epoch recorded, whose parameters are {@code current}, with the rest
   * of the run's state.
   */
  Checkpoint checkpoint(
      GradientDescent descent,
      Parameters current,
      Standardization standardization,
      List<EpochMetrics> history) {
    return new Checkpoint(
        lastEpoch,
        current,
        descent.optimizerSteps(),
        descent.optimizerState(),
        best,
        bestEpoch,
        bestParameters,
        withoutImprovement,
        history,
        standardization);
  }

  private void keep(int epoch, Parameters parameters) {
    bestEpoch = epoch;
    bestParameters = parameters;
  }

  /**
   * The result; if no epoch ever improved (e.g. every loss was NaN), the parameters {@code descent}
   * ended with.
   */
  TrainingResult result(
      NetworkSpec spec,
      GradientDescent descent,
      Standardization standardization,
      List<EpochMetrics> history) {
    if (bestParameters == null) {
      keep(lastEpoch, descent.snapshot());
    }
    return new TrainingResult(
        new Model(spec, bestParameters, standardization), history, bestEpoch, stoppedEarly);
  }
}
