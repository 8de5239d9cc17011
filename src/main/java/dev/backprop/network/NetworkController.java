package dev.backprop.network;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Networks, their trained versions, and model documents. */
@RestController
@RequestMapping(path = "/api/v1/networks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Networks", description = "Define networks; list, export and import their versions")
class NetworkController {

  static final String IRIS_NETWORK =
      """
      { "name": "iris",
        "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
        "layers": [ { "units": 8, "activation": "relu" },
                    { "units": 3, "activation": "softmax" } ],
        "loss": "cross_entropy",
        "initializer": "he",
        "seed": 42,
        "labels": ["setosa", "versicolor", "virginica"] }
      """;

  private final NetworkService service;
  private final NetworkCreator creator;

  NetworkController(NetworkService service, NetworkCreator creator) {
    this.service = service;
    this.creator = creator;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createNetwork",
      summary = "Define a network",
      description =
          "Validates the layers, activations and loss (incompatible pairs are a 400 that names"
              + " them) and the configured limits, then stores the definition.")
  @ApiResponse(
      responseCode = "201",
      description = "Defined; `Location` names the new network.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "409",
      description = "A network of that name exists.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  ResponseEntity<NetworkResponse> create(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = @ExampleObject(name = "iris", value = IRIS_NETWORK)))
          @Valid
          @RequestBody
          NetworkDefinition definition) {
    NetworkResponse created = creator.create(definition);
    return ResponseEntity.created(URI.create("/api/v1/networks/" + created.name())).body(created);
  }

  @GetMapping
  @Operation(
      operationId = "listNetworks",
      summary = "List networks",
      description = "Ordered by name, one page at a time.")
  PageResponse<NetworkResponse> list(@ParameterObject @Valid @ModelAttribute PageRequest page) {
    return service.list(page);
  }

  @GetMapping("/{name}")
  @Operation(
      operationId = "getNetwork",
      summary = "Get a network",
      description = "Its definition, parameter count and latest trained version (null before any).")
  NetworkResponse get(@Parameter(example = "iris") @PathVariable String name) {
    return service.describe(name);
  }

  @DeleteMapping("/{name}")
  @Operation(
      operationId = "deleteNetwork",
      summary = "Delete a network",
      description = "Removes its versions and cancels its jobs.")
  @ApiResponse(responseCode = "204", description = "Deleted.")
  ResponseEntity<Void> delete(@Parameter(example = "iris") @PathVariable String name) {
    service.delete(name);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{name}/versions")
  @Operation(
      operationId = "listVersions",
      summary = "List a network's trained versions",
      description = "Oldest first, one page at a time, with each version's metrics.")
  PageResponse<VersionResponse> versions(
      @Parameter(example = "iris") @PathVariable String name,
      @ParameterObject @Valid @ModelAttribute PageRequest page) {
    return service.versions(name, page);
  }

  @GetMapping("/{name}/versions/{version}")
  @Operation(
      operationId = "getVersion",
      summary = "Get one version",
      description = "`latest` names the highest version.")
  VersionResponse version(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "latest") @PathVariable String version) {
    return service.version(name, version);
  }

  @GetMapping("/{name}/versions/{version}/export")
  @Operation(
      operationId = "exportVersion",
      summary = "Export a version as a model document or an ONNX model",
      description =
          "`format=json` (the default): the model document, with the definition, the"
              + " standardisation and every layer's weights (one row per unit) and biases."
              + " `format=onnx`: an ONNX model (application/octet-stream, opset 17) whose float32"
              + " `input` [N, inputs] and `output` [N, units] compute what `/predictions` computes;"
              + " its metadata_props hold `network`, `version`, and `labels` and `features` (JSON"
              + " arrays) when set. `POST /api/v1/networks/import` takes either back.")
  ModelDocument export(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "latest") @PathVariable String version,
      @Parameter(
              description =
                  "`json`: the model document; `onnx`: an ONNX model (application/octet-stream)",
              schema = @Schema(allowableValues = {"json", "onnx"}))
          @RequestParam(defaultValue = "json")
          String format)
      throws HttpMediaTypeNotAcceptableException {
    if (format.equals("onnx")) {
      // The ONNX export (dev.backprop.interchange) answers unless the client accepts no bytes.
      throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_OCTET_STREAM));
    }
    if (!format.equals("json")) {
      throw new InvalidFieldException(
          Subject.REQUEST, "format", "must be 'json' or 'onnx', was '" + format + "'");
    }
    return service.export(name, version);
  }

  @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "importNetwork",
      summary = "Import a model document or an ONNX model",
      description =
          "Creates a new network whose version 1 holds exactly the model's parameters. A model"
              + " document (application/json) may rename the network with its optional `name`."
              + " An ONNX model (application/octet-stream) is a chain of fully connected layers, as"
              + " torch.onnx.export writes an nn.Sequential of Linear layers and ReLU, LeakyReLU"
              + " (slope 0.01), Sigmoid, Tanh, atan or Softmax: each layer a Gemm (alpha = beta ="
              + " 1, transB either way) or a MatMul then an Add, optionally after a Flatten and a"
              + " Sub then Div by constants (the standardisation), float32 or float64 weights;"
              + " anything else is a 400 that names the node and its operator.")
  @ApiResponse(
      responseCode = "201",
      description = "Imported; `Location` names the new network.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "409",
      description = "A network of that name exists.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  ResponseEntity<NetworkResponse> importModel(@Valid @RequestBody ModelDocument document) {
    NetworkResponse created = creator.importModel(document);
    return ResponseEntity.created(URI.create("/api/v1/networks/" + created.name())).body(created);
  }
}
