package dev.backprop.openinference;

import dev.backprop.web.OpenInferenceApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triton's extensions of the protocol that its clients call besides {@code infer}: the model
 * configuration ({@code model_configuration}) and the statistics ({@code statistics}). As in
 * Triton, {@code /v2/models/stats} is the statistics of all models, so a network named {@code
 * stats} has no metadata at {@code /v2/models/stats}.
 */
@RestController
@OpenInferenceApi
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Open Inference Protocol (V2)")
class ModelExtensionsController {

  private final ModelExtensionsService service;

  ModelExtensionsController(ModelExtensionsService service) {
    this.service = service;
  }

  @GetMapping("/v2/models/{name}/config")
  @Operation(
      operationId = "getModelConfig",
      summary = "Model configuration (Triton's model_configuration extension)",
      description =
          "The latest version's configuration as Triton writes it: inputs, outputs, maximum"
              + " batch size and the dynamic batcher's settings.")
  ModelConfig getModelConfig(@Parameter(example = "iris") @PathVariable String name) {
    return service.config(name, null);
  }

  @GetMapping("/v2/models/{name}/versions/{version}/config")
  @Operation(
      operationId = "getModelVersionConfig",
      summary = "Model configuration, for a version that exists",
      description = "The configuration is the network's; 404 when the version does not exist.")
  ModelConfig getModelVersionConfig(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "\"1\"") @PathVariable String version) {
    return service.config(name, version);
  }

  @GetMapping("/v2/models/stats")
  @Operation(
      operationId = "getAllModelStatistics",
      summary = "Statistics of every version that served since the process started",
      description = "Triton's statistics extension, counting requests over both APIs.")
  ModelStatistics getAllModelStatistics() {
    return service.statistics();
  }

  @GetMapping("/v2/models/{name}/stats")
  @Operation(
      operationId = "getModelStatistics",
      summary = "Statistics of every trained version of a model since the process started",
      description =
          "Triton's statistics extension, counting requests over both APIs: inference_count"
              + " counts rows, execution_count feedforwards (fewer when requests were batched).")
  ModelStatistics getModelStatistics(@Parameter(example = "iris") @PathVariable String name) {
    return service.statistics(name, null);
  }

  @GetMapping("/v2/models/{name}/versions/{version}/stats")
  @Operation(
      operationId = "getModelVersionStatistics",
      summary = "Statistics of one version since the process started",
      description = "Triton's statistics extension for one version, counting both APIs.")
  ModelStatistics getModelVersionStatistics(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "\"1\"") @PathVariable String version) {
    return service.statistics(name, version);
  }
}
