package dev.backprop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Mini-batch training by backpropagation.
 *
 * <ul>
 *   <li>Validation split: a seeded permutation of the rows (seed = config.seed) puts the last
 *       round(n · validationSplit) rows (at least one row stays for training) aside, before any
 *       standardisation.
 *   <li>Standardisation: a warm start's standardisation is reused; otherwise, with
 *       config.standardize, it is fitted on the training part only.
 *   <li>Each epoch visits the training rows once, in a fresh seeded shuffle when config.shuffle,
 *       else in order, in batches of batchSize (the last may be smaller). The cancellation check
 *       runs before every batch.
 *   <li>Early stopping watches the validation loss (training loss without a validation part) and
 *       restores the best epoch's parameters.
 * </ul>
 *
 * With sgd, no shuffle, no validation, no standardisation and batchSize ≥ rows, an epoch is exactly
 * one full-batch step W ← W − η (∂J/∂W + l2 W), b ← b − η ∂J/∂b.
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
    return train(spec, warmStart, data, config, listener, cancelled, null);
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
    if (spec == null || data == null || config == null) {
      throw new IllegalArgumentException("spec, data and config are required");
    }
    int inputs = spec.inputs();
    int outputs = spec.outputs();
    if (data.features()[0].length != inputs) {
      throw new IllegalArgumentException(
          "features have "
              + data.features()[0].length
              + " columns, the network has "
              + inputs
              + " inputs");
    }
    if (data.targets()[0].length != outputs) {
      throw new IllegalArgumentException(
          "targets have "
              + data.targets()[0].length
              + " columns, the network has "
              + outputs
              + " outputs");
    }
    Parameters initial;
    Standardization standardization = null;
    if (warmStart != null) {
      if (!warmStart.parameters().matches(spec)) {
        throw new IllegalArgumentException(
            "the warm start's parameters do not match the network definition");
      }
      initial = warmStart.parameters();
      standardization = warmStart.standardization();
    } else {
      initial = Parameters.initialize(spec);
    }

    // Seeded validation split, before standardisation.
    int n = data.rows();
    int[] order = identity(n);
    int validationRows = 0;
    if (config.validationSplit() > 0) {
      validationRows = (int) Math.min(n - 1L, Math.round(n * config.validationSplit()));
      shuffle(order, new SplittableRandom(config.seed() ^ 0x5DEECE66DL));
    }
    int trainRows = n - validationRows;
    float[][] trainX = pick(data.features(), order, 0, trainRows);
    float[][] trainY = pick(data.targets(), order, 0, trainRows);
    float[][] validX = pick(data.features(), order, trainRows, n);
    float[][] validY = pick(data.targets(), order, trainRows, n);
    if (standardization == null && config.standardize()) {
      standardization = Standardization.fit(trainX);
    }
    float[] x = flatten(trainX, inputs);
    float[] y = flatten(trainY, outputs);
    float[] vx = flatten(validX, inputs);
    float[] vy = flatten(validY, outputs);
    if (standardization != null) {
      standardization.applyInPlace(x, trainRows);
      standardization.applyInPlace(vx, validationRows);
    }

    int batchSize = Math.min(config.batchSize(), trainRows);
    Kernel chosen =
        kernel != null ? kernel : KernelChoice.forBatch(initial.unitsArray(), batchSize);
    GradientDescent path = new GradientDescent(spec, initial, config, chosen);
    SplittableRandom shuffler = new SplittableRandom(config.seed());
    int[] rows = identity(trainRows);
    boolean classifier = spec.isClassifier();

    List<EpochMetrics> history = new ArrayList<>();
    EarlyStopping early = config.earlyStopping();
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    Parameters bestParameters = null;
    int epochsWithoutImprovement = 0;
    boolean stoppedEarly = false;
    int lastEpoch = 0;
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      if (config.shuffle()) {
        shuffle(rows, shuffler);
      }
      double lossSum = 0;
      int batches = 0;
      long correct = 0;
      for (int start = 0; start < trainRows; start += batchSize) {
        if (cancelled != null && cancelled.getAsBoolean()) {
          throw new TrainingCancelledException(
              "training cancelled in epoch " + epoch + " before row " + start);
        }
        int m = Math.min(batchSize, trainRows - start);
        lossSum += path.step(x, y, rows, start, m);
        correct += path.lastCorrect();
        batches++;
      }
      Parameters current = path.snapshot();
      double loss = lossSum / batches + Metrics.l2Term(current, config.l2());
      Double accuracy = classifier ? (double) correct / trainRows : null;
      Double validationLoss = null;
      Double validationAccuracy = null;
      if (validationRows > 0) {
        Feedforward feedforward = new Feedforward(spec, current, validationRows);
        System.arraycopy(vx, 0, feedforward.input(), 0, vx.length);
        Batch batch = feedforward.run();
        float[] s = batch.outputWeightedInput().read();
        float[] a = batch.output().read();
        validationLoss =
            spec.loss().value(spec.outputActivation(), s, a, vy, validationRows, outputs);
        if (classifier) {
          validationAccuracy =
              (double) Metrics.correct(spec, a, vy, validationRows) / validationRows;
        }
      }
      EpochMetrics metrics =
          new EpochMetrics(epoch, loss, validationLoss, accuracy, validationAccuracy);
      history.add(metrics);
      lastEpoch = epoch;
      if (listener != null) {
        listener.onEpoch(metrics);
      }
      if (early != null) {
        double monitored = validationLoss != null ? validationLoss : loss;
        if (monitored < best - early.minDelta()) {
          best = monitored;
          bestEpoch = epoch;
          bestParameters = current;
          epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement >= early.patience()) {
          stoppedEarly = epoch < config.epochs();
          break;
        }
      }
      if (epoch == config.epochs() && early == null) {
        bestParameters = current;
        bestEpoch = epoch;
      }
    }
    if (bestParameters == null) {
      // early stopping never saw an improvement (e.g. NaN losses): keep the last parameters
      bestParameters = path.snapshot();
      bestEpoch = lastEpoch;
    }
    return new TrainingResult(
        new Model(spec, bestParameters, standardization), history, bestEpoch, stoppedEarly);
  }

  static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** Fisher–Yates with the given generator. */
  static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static float[][] pick(float[][] rows, int[] order, int from, int to) {
    float[][] out = new float[to - from][];
    for (int i = from; i < to; i++) {
      out[i - from] = rows[order[i]];
    }
    return out;
  }

  private static float[] flatten(float[][] rows, int width) {
    float[] flat = new float[rows.length * width];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * width, width);
    }
    return flat;
  }
}
