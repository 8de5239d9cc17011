package dev.backprop.dataset;

import dev.backprop.domain.DomainException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.web.BoundedBody;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
@Tag(name = DatasetApiDocs.TAG, description = DatasetApiDocs.TAG_DESCRIPTION)
@Validated
class DatasetController {

  static final String PATH = "/api/v1/datasets";

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

  @PostMapping(consumes = DatasetApiDocs.TEXT_CSV)
  @DatasetApiDocs.Upload
  ResponseEntity<DatasetInfo> uploadCsv(
      @Parameter(description = DatasetApiDocs.CSV_NAME, example = "iris")
          @RequestParam(required = false)
          @Pattern(regexp = DatasetNames.PATTERN, message = DatasetNames.MESSAGE)
          String name,
      @Parameter(description = DatasetApiDocs.CSV_TARGET, example = "species")
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
  @DatasetApiDocs.UploadForm
  ResponseEntity<DatasetInfo> uploadForm(
      @Parameter(description = DatasetApiDocs.FORM_FILE) @RequestPart("file") MultipartFile file,
      @Parameter(description = DatasetApiDocs.FORM_NAME, example = "iris")
          @RequestPart("name")
          @Pattern(regexp = DatasetNames.PATTERN, message = DatasetNames.MESSAGE)
          String name,
      @Parameter(description = DatasetApiDocs.FORM_TARGET, example = "species")
          @RequestPart(name = "target", required = false)
          String target)
      throws IOException {
    checkDeclaredSize(file.getSize());
    try (InputStream in = file.getInputStream()) {
      return created(service.createFromCsv(name, target, in));
    }
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @DatasetApiDocs.Upload
  ResponseEntity<DatasetInfo> uploadJson(HttpServletRequest request) throws IOException {
    checkDeclaredSize(request.getContentLengthLong());
    return created(service.createFromJson(readUpload(request)));
  }

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
  @Operation(
      operationId = "getDataset",
      summary = "Describe a data set",
      description = "Its columns, row count, target kind and, for a categorical target, classes.")
  @ApiResponse(responseCode = "200", description = "The data set.")
  @DatasetApiDocs.NotFound
  DatasetInfo get(@Parameter(example = "iris") @PathVariable String name) {
    return service.get(name);
  }

  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      operationId = "deleteDataset",
      summary = "Delete a data set",
      description =
          "Refused (409, naming them) while queued or running training jobs need the data set,"
              + " unless `force=true`, which cancels those jobs and then deletes it.")
  @ApiResponse(responseCode = "204", description = "Deleted.")
  @DatasetApiDocs.NotFound
  @ApiResponse(
      responseCode = "409",
      description =
          "Queued or running training jobs need it; the detail names them. Delete with"
              + " `force=true` to cancel them.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples =
                  @ExampleObject(
                      name = "needed",
                      value =
                          "{ \"type\": \"https://backprop.dev/problems/conflict\","
                              + " \"title\": \"Conflict\", \"status\": 409,"
                              + " \"detail\": \"The data set 'iris' is needed by training job"
                              + " 3f2b8c1e-5d4a-4f7e-9b61-0c2d8e7a9f10 (QUEUED); cancel them"
                              + " first, or delete with force=true, which cancels them.\","
                              + " \"instance\": \"/api/v1/datasets/iris\" }")))
  void delete(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(description = "Cancel the queued and running jobs that need it, then delete it.")
          @RequestParam(defaultValue = "false")
          boolean force) {
    service.delete(name, force);
  }

  /** Reads the JSON body through the size limit, then validates it like {@code @Valid} would. */
  private DatasetUpload readUpload(HttpServletRequest request) throws IOException {
    BoundedBody body = UploadSize.bounded(request.getInputStream(), limits);
    DatasetUpload upload;
    try {
      upload =
          json.readerFor(DatasetUpload.class)
              .withAttribute(UploadStream.LIMITS, limits)
              .readValue(body.stream());
    } catch (RuntimeException ex) {
      if (body.exceeded()) {
        throw UploadSize.tooLarge(limits.maxDatasetSize());
      }
      DomainException invalidContent = domainCause(ex);
      if (invalidContent != null) {
        throw invalidContent; // an element refused while the arrays streamed in
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

  private static DomainException domainCause(Throwable ex) {
    for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
      if (cause instanceof DomainException domain) {
        return domain;
      }
    }
    return null;
  }

  private void checkDeclaredSize(long bytes) {
    if (bytes > limits.maxDatasetSize().toBytes()) {
      throw UploadSize.tooLarge(limits.maxDatasetSize());
    }
  }

  private static ResponseEntity<DatasetInfo> created(DatasetInfo info) {
    return ResponseEntity.created(URI.create(PATH + "/" + info.name())).body(info);
  }
}
