package dev.backprop.interchange;

import dev.backprop.interchange.InterchangeService.ImportOptions;
import dev.backprop.interchange.InterchangeService.OnnxFile;
import dev.backprop.network.NetworkResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ONNX on the networks' own endpoints: the export with {@code ?format=onnx}, and the import of a
 * body sent as {@code application/octet-stream}. The JSON forms of both stay with the network
 * controller.
 */
@RestController
@Tag(name = "Networks", description = "Define networks; list, export and import their versions")
class InterchangeController {

  private final InterchangeService service;

  InterchangeController(InterchangeService service) {
    this.service = service;
  }

  // Documented by the network controller's operations on the same paths: springdoc merges the
  // two handlers of each path into one operation, which keeps the network controller's ids.
  @GetMapping(
      path = "/api/v1/networks/{name}/versions/{version}/export",
      params = "format=onnx",
      produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  @ApiResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  @Operation(operationId = "exportVersion")
  ResponseEntity<byte[]> exportOnnx(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "latest") @PathVariable String version) {
    OnnxFile file = service.export(name, version);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(file.filename()).build().toString())
        .body(file.bytes());
  }

  @PostMapping(
      path = "/api/v1/networks/import",
      consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "importNetwork")
  @ApiResponse(
      responseCode = "201",
      description = "Imported; `Location` names the new network.",
      useReturnTypeSchema = true)
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<NetworkResponse> importOnnx(
      // The body's stream, read as is: a message converter would first parse the Content-Type,
      // which fails (a 500) for a wildcard such as */*, which this mapping accepts.
      @Parameter(hidden = true) InputStream body,
      @Parameter(
              description =
                  "ONNX only: the new network's name; default: the model's `network` metadata")
          @RequestParam(required = false)
          String name,
      @Parameter(
              description =
                  "ONNX only: the loss to train with; default: cross_entropy after softmax,"
                      + " binary_cross_entropy after sigmoid, else quadratic",
              schema =
                  @Schema(allowableValues = {"quadratic", "cross_entropy", "binary_cross_entropy"}))
          @RequestParam(required = false)
          String loss,
      @Parameter(
              description =
                  "ONNX only: class labels, comma-separated; default: the model's `labels`")
          @RequestParam(required = false)
          List<String> labels,
      @Parameter(
              description =
                  "ONNX only: input names, comma-separated; default: the model's `features`")
          @RequestParam(required = false)
          List<String> features)
      throws IOException {
    NetworkResponse created =
        service.importModel(body.readAllBytes(), new ImportOptions(name, loss, labels, features));
    return ResponseEntity.created(URI.create("/api/v1/networks/" + created.name())).body(created);
  }
}
