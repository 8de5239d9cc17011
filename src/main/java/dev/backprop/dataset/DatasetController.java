package dev.backprop.dataset;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.Set;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** {@code /api/v1/datasets}: upload (CSV, multipart or JSON), list, get and delete data sets. */
@RestController
@RequestMapping(path = DatasetController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Data sets",
    description =
        "Tables of numeric features and one target column, uploaded once and referenced by"
            + " training jobs. A target column is categorical if and only if at least one of its"
            + " values is not a number; its classes are then its distinct values, sorted.")
@Validated
public class DatasetController {

  static final String PATH = "/api/v1/datasets";
  static final String TEXT_CSV = "text/csv";

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

  private final DatasetService service;
  private final LimitsProperties limits;
  private final ObjectMapper json;
  private final Validator validator;

  DatasetController(
      DatasetService service, LimitsProperties limits, ObjectMapper json, Validator validator) {
    this.service = service;
    this.limits = limits;
    this.json = json;
    this.validator = validator;
  }

  /*
   * The three upload methods share one POST operation in the OpenAPI document (one request body
   * with three media types), so they carry the same @Operation.
   */
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

  @PostMapping(consumes = TEXT_CSV)
  @Operation(
      operationId = "createDataset",
      summary = CREATE_SUMMARY,
      description = CREATE_DESCRIPTION,
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
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
  @CreateResponses
  ResponseEntity<DatasetInfo> uploadCsv(
      @Parameter(
              description =
                  "The new data set's name; required for `text/csv` (a form sends the part"
                      + " `name`, JSON the field `name`).",
              example = "iris")
          @RequestParam(required = false)
          @Pattern(regexp = DatasetNames.PATTERN, message = DatasetNames.MESSAGE)
          String name,
      @Parameter(
              description = "For `text/csv`: the target column (default: the last column).",
              example = "species")
          @RequestParam(required = false)
          String target,
      HttpServletRequest request)
      throws IOException {
    if (name == null) {
      throw new InvalidFieldException(
          Subject.REQUEST, "name", "is required: add ?name= to the URL");
    }
    checkDeclaredSize(request.getContentLengthLong());
    return created(service.createFromCsv(name, target, request.getInputStream()));
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      operationId = "createDataset",
      summary = CREATE_SUMMARY,
      description = CREATE_DESCRIPTION)
  @CreateResponses
  ResponseEntity<DatasetInfo> uploadForm(
      @Parameter(description = "The CSV file: a header row, then one row per example.")
          @RequestPart("file")
          MultipartFile file,
      @Parameter(description = "The new data set's name.", example = "iris")
          @RequestPart("name")
          @Pattern(regexp = DatasetNames.PATTERN, message = DatasetNames.MESSAGE)
          String name,
      @Parameter(description = "The target column (default: the last column).", example = "species")
          @RequestPart(name = "target", required = false)
          String target)
      throws IOException {
    checkDeclaredSize(file.getSize());
    try (InputStream in = file.getInputStream()) {
      return created(service.createFromCsv(name, target, in));
    }
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createDataset",
      summary = CREATE_SUMMARY,
      description = CREATE_DESCRIPTION,
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
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
  @CreateResponses
  ResponseEntity<DatasetInfo> uploadJson(HttpServletRequest request) throws IOException {
    checkDeclaredSize(request.getContentLengthLong());
    return created(service.createFromJson(readUpload(request)));
  }

  /** The answers of the upload operation. */
  @Target(ElementType.METHOD)
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
  @interface CreateResponses {}

  @GetMapping
  @Operation(
      operationId = "listDatasets",
      summary = "List data sets",
      description = "A page of data sets, ordered by name.")
  @ApiResponse(responseCode = "200", description = "One page of data sets.")
  PageResponse<DatasetInfo> list(@ParameterObject @Valid @ModelAttribute PageRequest page) {
    return service.list(page);
  }

  @GetMapping("/{name}")
  @Operation(operationId = "getDataset", summary = "Describe a data set")
  @ApiResponse(responseCode = "200", description = "The data set.")
  @ApiResponse(
      responseCode = "404",
      description = "No data set of that name.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  DatasetInfo get(@Parameter(example = "iris") @PathVariable String name) {
    return service.get(name);
  }

  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "deleteDataset", summary = "Delete a data set")
  @ApiResponse(responseCode = "204", description = "Deleted.")
  @ApiResponse(
      responseCode = "404",
      description = "No data set of that name.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  void delete(@Parameter(example = "iris") @PathVariable String name) {
    service.delete(name);
  }

  /** Reads the JSON body through the size limit, then validates it like {@code @Valid} would. */
  private DatasetUpload readUpload(HttpServletRequest request) throws IOException {
    LimitedInputStream body =
        new LimitedInputStream(request.getInputStream(), limits.maxDatasetSize());
    DatasetUpload upload;
    try {
      upload = json.readValue(body, DatasetUpload.class);
    } catch (RuntimeException ex) {
      if (body.exceeded()) {
        throw LimitedInputStream.tooLarge(limits.maxDatasetSize());
      }
      if (ex instanceof JacksonException) {
        throw new HttpMessageNotReadableException(
            "Unreadable data set upload", ex, new ServletServerHttpRequest(request));
      }
      throw ex;
    }
    if (upload == null) {
      throw new HttpMessageNotReadableException(
          "Missing data set upload", new ServletServerHttpRequest(request));
    }
    Set<ConstraintViolation<DatasetUpload>> violations = validator.validate(upload);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return upload;
  }

  private void checkDeclaredSize(long bytes) {
    if (bytes > limits.maxDatasetSize().toBytes()) {
      throw LimitedInputStream.tooLarge(limits.maxDatasetSize());
    }
  }

  private static ResponseEntity<DatasetInfo> created(DatasetInfo info) {
    return ResponseEntity.created(URI.create(PATH + "/" + info.name())).body(info);
  }
}
