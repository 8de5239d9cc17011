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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Predictions from a network's trained versions. */
@RestController
@Tag(name = "Predictions", description = "Ask a trained version for outputs")
class PredictionController {

  private final PredictionService service;

  PredictionController(PredictionService service) {
    this.service = service;
  }

  @PostMapping(
      path = "/api/v1/networks/{name}/predictions",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "predict",
      summary = "Predict",
      description =
          "Rows of raw inputs (the version's standardisation is applied by the service) or named"
              + " instances in; outputs, and for classifiers the predicted labels, out.")
  PredictionResponse predict(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(description = "a version number or 'latest'", example = "latest")
          @RequestParam(defaultValue = "latest")
          String version,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = {
                        @ExampleObject(
                            name = "inputs",
                            value = "{ \"inputs\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] }"),
                        @ExampleObject(
                            name = "instances",
                            value =
                                "{ \"instances\": [{ \"sepal_length\": 5.1, \"sepal_width\": 3.5,"
                                    + " \"petal_length\": 1.4, \"petal_width\": 0.2 }] }")
                      }))
          @Valid
          @RequestBody
          PredictionRequest request) {
    return service.predict(name, version, request);
  }
}
