package dev.backprop.prediction;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.network.TrainedVersion;
import dev.backprop.web.LimitsProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Predictions from a trained version: checks the rows, applies the version's standardisation (in
 * the engine), runs the feedforward, and names the predicted class of classifiers.
 */
@Service
public class PredictionService {

  private final ModelCache models;
  private final LimitsProperties limits;
  private final DynamicBatcher batcher;
  private final ServingMetrics metrics;

  PredictionService(
      ModelCache models, LimitsProperties limits, DynamicBatcher batcher, ServingMetrics metrics) {
    this.models = models;
    this.limits = limits;
    this.batcher = batcher;
    this.metrics = metrics;
  }

  public PredictionResponse predict(String network, String version, PredictionRequest request) {
    long start = System.nanoTime();
    TrainedVersion trained = models.get(network, version);
    int units = trained.model().spec().outputs();
    return serve(
        trained,
        start,
        () -> rows(request, trained),
        (rows, out) -> {
          float[][] outputs = new float[rows.rows()][];
          for (int r = 0; r < outputs.length; r++) {
            outputs[r] = Arrays.copyOfRange(out, r * units, (r + 1) * units);
          }
          return new PredictionResponse(
              network, trained.version(), outputs, Labels.of(trained, outputs));
        });
  }

  /** The request's rows, checked against the version's inputs (or features) and the limits. */
  float[][] rows(TrainedVersion trained, PredictionRequest request) {
    int width = trained.model().spec().inputs();
    float[] flat = flatRows(trained, request);
    float[][] rows = new float[flat.length / width][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
    }
    return rows;
  }

  /** The request's checked rows, row-major: each value copied once from the request. */
  private float[] flatRows(TrainedVersion trained, PredictionRequest request) {
    if (request.inputs() == null) {
      return fromInstances(request.instances(), trained);
    }
    Rows.checkCount(request.inputs().rows(), "inputs", limits);
    return request.inputs().values(trained.model().spec().inputs(), "inputs");
  }

  /** The version a reference names ({@code latest} or a number); 404 if none. */
  public TrainedVersion resolve(String network, String version) {
    return models.get(network, version);
  }

  /**
   * Serves one request on a resolved version, for either API: {@code input} reads and checks the
   * request's rows, the rows go through the dynamic batcher, and {@code answer} turns the outputs
   * (row-major, rows × output units) into the answer. Each step is timed in the version's serving
   * meters, and the request counted as a success or, if any step throws, a failure, from {@code
   * start} ({@link System#nanoTime()}, taken before the version was resolved).
   */
  public <T> T serve(
      TrainedVersion trained,
      long start,
      Supplier<InputRows> input,
      BiFunction<InputRows, float[], T> answer) {
    ModelMeters meters = metrics.of(trained);
    try {
      long reading = System.nanoTime();
      InputRows rows = input.get();
      long read = System.nanoTime();
      meters.input(read - reading);
      float[] outputs = batcher.predict(trained, rows.values(), rows.rows());
      long ran = System.nanoTime();
      T result = answer.apply(rows, outputs);
      long end = System.nanoTime();
      meters.output(end - ran);
      meters.succeeded(rows.rows(), end - start);
      return result;
    } catch (RuntimeException e) {
      meters.failed(System.nanoTime() - start);
      throw e;
    }
  }

  private InputRows rows(PredictionRequest request, TrainedVersion trained) {
    float[] flat = flatRows(trained, request);
    return new InputRows(flat, flat.length / trained.model().spec().inputs());
  }

  private float[] fromInstances(List<Map<String, Double>> instances, TrainedVersion trained) {
    List<String> features = trained.network().features();
    if (features == null) {
      throw new InvalidFieldException(
          Subject.INPUT,
          "instances",
          "network '" + trained.network().name() + "' names no features; send 'inputs' instead");
    }
    Rows.checkCount(instances.size(), "instances", limits);
    List<List<Double>> rows = new ArrayList<>(instances.size());
    for (int r = 0; r < instances.size(); r++) {
      Map<String, Double> instance = instances.get(r);
      for (String key : instance.keySet()) {
        if (!features.contains(key)) {
          throw invalid(
              "instances[" + r + "]." + key, "is not a feature of the network " + features);
        }
      }
      List<Double> row = new ArrayList<>(features.size());
      for (String feature : features) {
        Double value = instance.get(feature);
        if (value == null) {
          throw invalid("instances[" + r + "]." + feature, "is missing");
        }
        if (!Float.isFinite(value.floatValue())) {
          throw invalid(
              "instances[" + r + "]." + feature,
              "must be a finite number within float32 range, was " + value);
        }
        row.add(value);
      }
      rows.add(row);
    }
    return Rows.fromInputs(rows, features.size(), "instances", limits);
  }

  private static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(Subject.INPUT, field, message);
  }

  /** Checks and converts rows of raw numbers. */
  public static final class Rows {
    private Rows() {}

    /** The rows, checked, row-major. */
    public static float[] fromInputs(
        List<List<Double>> inputs, int width, String field, LimitsProperties limits) {
      checkCount(inputs.size(), field, limits);
      float[] values = new float[Math.multiplyExact(inputs.size(), width)];
      for (int r = 0; r < inputs.size(); r++) {
        List<Double> row = inputs.get(r);
        if (row.size() != width) {
          throw invalid(
              field + "[" + r + "]",
              "has " + row.size() + " values but the network takes " + width);
        }
        for (int c = 0; c < width; c++) {
          double value = row.get(c);
          float f = (float) value;
          if (!Float.isFinite(f)) {
            throw invalid(
                field + "[" + r + "][" + c + "]",
                "must be a finite number within float32 range, was " + value);
          }
          values[r * width + c] = f;
        }
      }
      return values;
    }

    static void checkCount(int count, String field, LimitsProperties limits) {
      if (count == 0) {
        throw invalid(field, "must hold at least one row");
      }
      if (count > limits.maxPredictionRows()) {
        throw new LimitExceededException(
            Limit.VALUE,
            field,
            "at most "
                + limits.maxPredictionRows()
                + " rows per request are allowed (backprop.limits.max-prediction-rows), got "
                + count);
      }
    }
  }
}
