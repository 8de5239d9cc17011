package dev.backprop.prediction;

import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Predictor;
import dev.backprop.engine.Trace;
import dev.backprop.network.TrainedVersion;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The activations of every neuron of a version for a few rows, from the engine's own feedforward
 * ({@link Predictor#trace}), so the picture never disagrees with the predictions.
 */
@Service
class ActivationsService {

  /** Rows per request: the answer holds every neuron's two values per row. */
  static final int MAX_ROWS = 100;

  private final PredictionService predictions;

  ActivationsService(PredictionService predictions) {
    this.predictions = predictions;
  }

  ActivationsResponse activations(String network, String version, PredictionRequest request) {
    TrainedVersion trained = predictions.resolve(network, version);
    int count = request.inputs() != null ? request.inputs().rows() : request.instances().size();
    if (count > MAX_ROWS) {
      throw new LimitExceededException(
          Limit.VALUE,
          request.inputs() != null ? "inputs" : "instances",
          "at most " + MAX_ROWS + " rows are traced per request, got " + count);
    }
    float[][] rows = predictions.rows(trained, request);
    Trace trace = Predictor.trace(trained.model(), rows);
    List<LayerSpec> specs = trained.model().spec().layers();
    List<ActivationsResponse.LayerActivations> layers = new ArrayList<>(specs.size());
    for (int l = 0; l < specs.size(); l++) {
      Trace.Layer values = trace.layers().get(l);
      layers.add(
          new ActivationsResponse.LayerActivations(
              specs.get(l).units(), specs.get(l).activation().apiName(), values.s(), values.a()));
    }
    return new ActivationsResponse(network, trained.version(), trace.input(), layers);
  }
}
