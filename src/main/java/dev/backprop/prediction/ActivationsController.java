package dev.backprop.prediction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A version's feedforward laid open: what each neuron computes for a few rows. */
@RestController
@Tag(name = "Predictions", description = "Ask a trained version for outputs")
class ActivationsController {

  private final ActivationsService service;

  ActivationsController(ActivationsService service) {
    this.service = service;
  }

  @PostMapping(
      path = "/api/v1/networks/{name}/versions/{version}/activations",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "computeActivations",
      summary = "Activations of every neuron",
      description =
          "For up to "
              + ActivationsService.MAX_ROWS
              + " rows of raw inputs (or named instances): the standardised input and, per layer,"
              + " the weighted sums s and the activations a. The last layer's a equals what"
              + " /predictions answers.")
  ActivationsResponse activations(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(description = "a version number or 'latest'", example = "latest") @PathVariable
          String version,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples =
                          @ExampleObject(
                              name = "inputs",
                              value = "{ \"inputs\": [[5.1, 3.5, 1.4, 0.2]] }")))
          @Valid
          @RequestBody
          PredictionRequest request) {
    return service.activations(name, version, request);
  }
}
