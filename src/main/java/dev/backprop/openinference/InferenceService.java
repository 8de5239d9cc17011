package dev.backprop.openinference;

import dev.backprop.engine.NetworkSpec;
import dev.backprop.network.Network;
import dev.backprop.network.NetworkService;
import dev.backprop.network.TrainedVersion;
import dev.backprop.network.VersionResponse;
import dev.backprop.prediction.InputRows;
import dev.backprop.prediction.PredictionService;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** The protocol's model operations, on top of the networks and the prediction service. */
@Service
class InferenceService {

  static final String PLATFORM = "backprop";

  private final NetworkService networks;
  private final PredictionService predictions;
  private final LimitsProperties limits;

  InferenceService(
      NetworkService networks, PredictionService predictions, LimitsProperties limits) {
    this.networks = networks;
    this.predictions = predictions;
    this.limits = limits;
  }

  /** Metadata of a network; with a version, 404 unless that version exists. */
  ModelMetadata metadata(String name, String version) {
    Network network = networks.get(name);
    if (version != null) {
      networks.resolve(name, version);
    }
    NetworkSpec spec = network.spec();
    return new ModelMetadata(
        name,
        versions(name),
        PLATFORM,
        List.of(
            new TensorMetadata(
                InputTensor.INPUT, InputTensor.FP32, List.of(-1L, (long) spec.inputs()))),
        List.of(
            new TensorMetadata(
                InputTensor.OUTPUT, InputTensor.FP32, List.of(-1L, (long) spec.outputs()))));
  }

  /** Resolves the version (latest when null): throws 404 unless it can serve. */
  void ready(String name, String version) {
    predictions.resolve(name, version);
  }

  /**
   * Inference through the prediction service (and so its dynamic batcher and meters), whose answer
   * holds the output's values whether they go back as JSON or as binary data.
   */
  InferenceResponse infer(String name, String version, InferenceBody body) {
    long start = System.nanoTime();
    TrainedVersion trained = predictions.resolve(name, version);
    InferenceRequest request = body.request();
    int units = trained.model().spec().outputs();
    return predictions.serve(
        trained,
        start,
        () -> check(body, trained),
        (rows, outputs) ->
            new InferenceResponse(
                trained.network().name(),
                Integer.toString(trained.version()),
                request.id(),
                null,
                List.of(
                    new InferenceResponse.Output(
                        InputTensor.OUTPUT,
                        InputTensor.FP32,
                        new long[] {rows.rows(), units},
                        outputs))));
  }

  private InputRows check(InferenceBody body, TrainedVersion trained) {
    InferenceRequest request = body.request();
    if (request.inputs() == null || request.inputs().size() != 1) {
      throw InputTensor.invalid(
          "'inputs' must hold exactly one tensor, '"
              + InputTensor.INPUT
              + "'; got "
              + (request.inputs() == null ? "none" : request.inputs().size()));
    }
    if (request.outputs() != null) {
      for (InferenceRequest.RequestedOutput output : request.outputs()) {
        if (output == null || !InputTensor.OUTPUT.equals(output.name())) {
          throw InputTensor.invalid(
              "unknown output '"
                  + (output == null ? null : output.name())
                  + "'; the model's only output is '"
                  + InputTensor.OUTPUT
                  + "'");
        }
      }
    }
    return InputTensor.read(
        request.inputs().get(0),
        body.binaryInput(0),
        trained.model().spec().inputs(),
        limits.maxPredictionRows());
  }

  /** The network's trained versions, as strings, oldest first. */
  List<String> versions(String name) {
    List<String> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      PageResponse<VersionResponse> versions =
          networks.versions(name, new PageRequest(page, PageRequest.MAX_SIZE));
      versions.items().forEach(v -> all.add(Integer.toString(v.version())));
      if (versions.items().size() < PageRequest.MAX_SIZE) {
        return all;
      }
    }
  }
}
