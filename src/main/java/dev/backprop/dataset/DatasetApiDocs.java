package dev.backprop.dataset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;

/**
 * The OpenAPI texts of {@link DatasetController}, kept apart so that the controller reads as what
 * it does (bind, delegate, map). What is written here is what {@code openapi/openapi.yaml}
 * publishes.
 */
final class DatasetApiDocs {

  private DatasetApiDocs() {}

  static final String TEXT_CSV = "text/csv";

  static final String TAG = "Data sets";
  static final String TAG_DESCRIPTION =
      "Tables of numeric features and one target column, uploaded once and referenced by"
          + " training jobs. A target column is categorical if and only if at least one of its"
          + " values is not a number; its classes are then its distinct values, sorted.";

  static final String IRIS_CSV =
      """
      sepal_length,sepal_width,petal_length,petal_width,species
      5.1,3.5,1.4,0.2,setosa
      4.9,3,1.4,0.2,setosa
      7,3.2,4.7,1.4,versicolor
      6.4,3.2,4.5,1.5,versicolor
      6.3,3.3,6,2.5,virginica
      5.8,2.7,5.1,1.9,virginica
      """;

  static final String XOR_JSON =
      """
      { "name": "xor",
        "features": [[0, 0], [0, 1], [1, 0], [1, 1]],
        "targets": [0, 1, 1, 0],
        "featureNames": ["a", "b"],
        "target": "y" }
      """;

  static final String CREATE_SUMMARY = "Upload a data set (CSV, a CSV file in a form, or JSON)";
  static final String CREATE_DESCRIPTION =
      """
      Three forms, by `Content-Type`:

      - `text/csv`: the body is a CSV file, a header row naming the columns, then one row per \
      example; the query parameter `name` is required and `target` names the target column \
      (default: the last one).
      - `multipart/form-data`: the parts `file` (the CSV file), `name` and optionally `target`, \
      so that a browser or Swagger UI can send a file.
      - `application/json`: `features` holds one array of numbers per example; `targets` one value \
      per example: numbers (a numeric target), strings (class labels) or arrays of k numbers (a \
      numeric target of width k). `featureNames` (default `x0, x1, ...`) and `target` (default \
      `y`) are optional.

      CSV cells are trimmed and may be quoted. Every feature value must be a finite number (a 400 \
      names the row and column otherwise). A target column is categorical if and only if at \
      least one of its values is not a number (so `0, 1, 2` is numeric); its `classes` are then \
      its distinct values in lexicographic order. An upload may be up to \
      `backprop.limits.max-dataset-size` (64 MB by default), \
      `backprop.limits.max-dataset-rows` rows and `backprop.limits.max-dataset-columns` columns.
      """;

  static final String CSV_NAME =
      "The new data set's name; required for `text/csv` (a form sends the part `name`, JSON the"
          + " field `name`).";
  static final String CSV_TARGET = "For `text/csv`: the target column (default: the last column).";
  static final String FORM_FILE = "The CSV file: a header row, then one row per example.";
  static final String FORM_NAME = "The new data set's name.";
  static final String FORM_TARGET = "The target column (default: the last column).";

  /**
   * The upload operation. Its three handler methods (one per media type) make one POST operation in
   * the document, so each carries this same description; the form's body is described by its parts
   * instead, see {@link UploadForm}.
   */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @Operation(
      operationId = "createDataset",
      summary = CREATE_SUMMARY,
      description = CREATE_DESCRIPTION,
      requestBody =
          @RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = TEXT_CSV,
                    schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "iris", value = IRIS_CSV)),
                @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = DatasetUpload.class),
                    examples = @ExampleObject(name = "xor", value = XOR_JSON))
              }))
  @UploadResponses
  @interface Upload {}

  /** The upload operation as the multipart handler declares it: the body comes from its parts. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @Operation(
      operationId = "createDataset",
      summary = CREATE_SUMMARY,
      description = CREATE_DESCRIPTION)
  @UploadResponses
  @interface UploadForm {}

  /** The answers of the upload operation. */
  @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(
      responseCode = "201",
      description = "Stored; `Location` names the new data set.",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/datasets/{name}",
              schema = @Schema(type = "string")))
  @ApiResponse(
      responseCode = "400",
      description =
          "Invalid name or content; the problem's `errors` name the row and column (CSV) or the"
              + " element, e.g. `features[3][1]` (JSON), or the row or column limit.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @ApiResponse(
      responseCode = "409",
      description = "The name is taken.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @ApiResponse(
      responseCode = "413",
      description = "Larger than `backprop.limits.max-dataset-size`.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @interface UploadResponses {}

  /** The 404 of the operations on one data set. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(
      responseCode = "404",
      description = "No data set of that name.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @interface NotFound {}
}
