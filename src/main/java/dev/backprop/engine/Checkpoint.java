package dev.backprop.engine;

import java.util.List;

/**
 * Everything a training run needs to go on after {@link #epoch()} exactly as if it had never
 * stopped: the parameters, the optimiser's state (momentum's velocities, Adam's moments and step
 * count), early stopping's state (best monitored loss, its epoch and parameters, epochs without
 * improvement), the metrics of every epoch so far, and the standardisation the rows were
 * transformed with. Nothing about the shuffle is kept: each epoch's order derives from the seed and
 * the epoch's number alone (see {@link Trainer}). Encoded by {@link CheckpointCodec}.
 */
public final class Checkpoint {
  final int epoch;
  final Parameters parameters;
  final long optimizerSteps;
  final float[][] optimizerState;
  final double bestLoss;
  final int bestEpoch;
  final Parameters bestParameters;
  final int withoutImprovement;
  final List<EpochMetrics> history;
  final Standardization standardization;

  Checkpoint(
      int epoch,
      Parameters parameters,
      long optimizerSteps,
      float[][] optimizerState,
      double bestLoss,
      int bestEpoch,
      Parameters bestParameters,
      int withoutImprovement,
      List<EpochMetrics> history,
      Standardization standardization) {
    this.epoch = epoch;
    this.parameters = parameters;
    this.optimizerSteps = optimizerSteps;
    this.optimizerState = optimizerState;
    this.bestLoss = bestLoss;
    this.bestEpoch = bestEpoch;
    this.bestParameters = bestParameters;
    this.withoutImprovement = withoutImprovement;
    this.history = List.copyOf(history);
    this.standardization = standardization;
  }

  /** The last epoch the run had finished when this was taken (1-based). */
  public int epoch() {
    return epoch;
  }

  /** The parameters after {@link #epoch()}. */
  public Parameters parameters() {
    return parameters;
  }

  /** The metrics of epochs 1 to {@link #epoch()}. */
  public List<EpochMetrics> history() {
    return history;
  }
}
