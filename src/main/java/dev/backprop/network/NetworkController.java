package dev.backprop.network;

import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

  NetworkController(NetworkService service) {
    this.service = service;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Define a network",
      description =
          "Validates the layers, activations and loss (incompatible pairs are a 400 that names"
              + " them) and the configured limits, then stores the definition.")
  ResponseEntity<NetworkResponse> create(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = @ExampleObject(name = "iris", value = IRIS_NETWORK)))
          @Valid
          @RequestBody
          NetworkDefinition definition) {
    NetworkResponse created = service.create(definition);
    return ResponseEntity.created(URI.create("/api/v1/networks/" + created.name())).body(created);
  }

  @GetMapping
  @Operation(summary = "List networks", description = "Ordered by name, one page at a time.")
  PageResponse<NetworkResponse> list(@Valid @ModelAttribute PageRequest page) {
    return service.list(page);
  }

  @GetMapping("/{name}")
  @Operation(summary = "Get a network")
  NetworkResponse get(@Parameter(example = "iris") @PathVariable String name) {
    return service.describe(name);
  }

  @DeleteMapping("/{name}")
  @Operation(
      summary = "Delete a network",
      description = "Removes its versions and cancels its jobs.")
  ResponseEntity<Void> delete(@Parameter(example = "iris") @PathVariable String name) {
    service.delete(name);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{name}/versions")
  @Operation(summary = "List a network's trained versions")
  PageResponse<VersionResponse> versions(
      @Parameter(example = "iris") @PathVariable String name,
      @Valid @ModelAttribute PageRequest page) {
    return service.versions(name, page);
  }

  @GetMapping("/{name}/versions/{version}")
  @Operation(summary = "Get one version", description = "`latest` names the highest version.")
  VersionResponse version(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "latest") @PathVariable String version) {
    return service.version(name, version);
  }

  @GetMapping("/{name}/versions/{version}/export")
  @Operation(
      summary = "Export a version as a model document",
      description =
          "The definition, the standardisation and every layer's weights (one row per unit) and"
              + " biases; `POST /api/v1/networks/import` takes it back.")
  ModelDocument export(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "latest") @PathVariable String version) {
    return service.export(name, version);
  }

  @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Import a model document",
      description =
          "Creates a new network (renamed by the optional `name`) whose version 1 holds exactly"
              + " the document's parameters.")
  ResponseEntity<NetworkResponse> importModel(@Valid @RequestBody ModelDocument document) {
    NetworkResponse created = service.importModel(document);
    return ResponseEntity.created(URI.create("/api/v1/networks/" + created.name())).body(created);
  }
}
