package dev.backprop.openinference;

import dev.backprop.domain.NotReadyException;
import dev.backprop.web.DirectlyMapped;
import dev.backprop.web.OpenInferenceApi;
import dev.backprop.web.OpenInferenceError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The Open Inference Protocol (KServe V2) REST endpoints. Models are networks; versions are their
 * trained versions (as strings); without {@code /versions/{v}} the latest version answers.
 */
@RestController
@OpenInferenceApi
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Open Inference Protocol (V2)", description = "KServe V2 / Triton compatible serving")
class InferenceController {

  static final String SERVER_NAME = "backprop";

  /** The protocol extensions served, as Triton names them. */
  static final List<String> EXTENSIONS =
      List.of("binary_tensor_data", "statistics", "model_configuration");

  private final InferenceService service;
  private final InferenceCodec codec;
  private final ServerMetadata server;
  private final ObjectProvider<HealthEndpoint> health;

  InferenceController(
      InferenceService service,
      InferenceCodec codec,
      ObjectProvider<BuildProperties> build,
      ObjectProvider<HealthEndpoint> health) {
    this.service = service;
    this.codec = codec;
    BuildProperties properties = build.getIfAvailable();
    String version = properties == null ? null : properties.getVersion();
    this.server =
        new ServerMetadata(SERVER_NAME, version == null ? "unknown" : version, EXTENSIONS);
    this.health = health;
  }

  @GetMapping("/v2")
  @Operation(
      operationId = "getServerMetadata",
      summary = "Server metadata",
      description = "The server's name, version and the protocol extensions it serves.")
  ServerMetadata serverMetadata() {
    return server;
  }

  /** The same answer with a trailing slash, as some clients ask; documented once, above. */
  @GetMapping("/v2/")
  @Operation(hidden = true)
  ServerMetadata serverMetadataWithSlash() {
    return server;
  }

  @GetMapping("/v2/health/live")
  @Operation(
      operationId = "checkServerLive",
      summary = "Server live: 200 while the process can answer",
      description = "Liveness: no check beyond answering; for a Kubernetes liveness probe.")
  ResponseEntity<Void> live() {
    return ResponseEntity.ok().build();
  }

  @GetMapping("/v2/health/ready")
  @Operation(
      operationId = "checkServerReady",
      summary = "Server ready: 200 when the readiness group is UP (database, ND4J), else 503",
      description = "Readiness, as the actuator's readiness group reports it.")
  ResponseEntity<Void> ready() {
    HealthEndpoint endpoint = health.getIfAvailable();
    HealthDescriptor readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
    if (readiness == null || !Status.UP.equals(readiness.getStatus())) {
      throw new NotReadyException("the server is not ready", null);
    }
    return ResponseEntity.ok().build();
  }

  @GetMapping("/v2/models/{name}")
  @Operation(
      operationId = "getModelMetadata",
      summary = "Model metadata",
      description = "The latest version's input and output tensors (names, datatypes, shapes).")
  ModelMetadata model(@Parameter(example = "iris") @PathVariable String name) {
    return service.metadata(name, null);
  }

  @GetMapping("/v2/models/{name}/versions/{version}")
  @Operation(
      operationId = "getModelVersionMetadata",
      summary = "Model version metadata",
      description = "One version's input and output tensors (names, datatypes, shapes).")
  ModelMetadata modelVersion(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "\"1\"") @PathVariable String version) {
    return service.metadata(name, version);
  }

  @GetMapping("/v2/models/{name}/ready")
  @Operation(
      operationId = "checkModelReady",
      summary = "Model ready: 200 when its latest version can serve",
      description = "404 when the network is unknown or has no trained version.")
  ResponseEntity<Void> modelReady(@Parameter(example = "iris") @PathVariable String name) {
    service.ready(name, null);
    return ResponseEntity.ok().build();
  }

  @GetMapping("/v2/models/{name}/versions/{version}/ready")
  @Operation(
      operationId = "checkModelVersionReady",
      summary = "Model version ready: 200 when that version can serve",
      description = "404 when the network or the version is unknown.")
  ResponseEntity<Void> modelVersionReady(
      @Parameter(example = "iris") @PathVariable String name,
      @Parameter(example = "\"1\"") @PathVariable String version) {
    service.ready(name, version);
    return ResponseEntity.ok().build();
  }

  @PostMapping(
      path = "/v2/models/{name}/infer",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
  @Operation(
      operationId = "modelInfer",
      summary = "Inference on the latest version",
      description = InferApiDocs.DESCRIPTION)
  @InferApiDocs
  @DirectlyMapped
  @Parameter(
      name = "name",
      in = ParameterIn.PATH,
      required = true,
      example = "iris",
      schema = @Schema(type = "string"))
  void infer(HttpServletRequest request, HttpServletResponse response)
      throws HttpMediaTypeNotSupportedException, IOException {
    infer(pathVariables(request).get("name"), null, request, response);
  }

  @PostMapping(
      path = "/v2/models/{name}/versions/{version}/infer",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
  @Operation(
      operationId = "modelVersionInfer",
      summary = "Inference on a version",
      description = InferApiDocs.DESCRIPTION)
  @InferApiDocs
  @DirectlyMapped
  @Parameter(
      name = "name",
      in = ParameterIn.PATH,
      required = true,
      example = "iris",
      schema = @Schema(type = "string"))
  @Parameter(
      name = "version",
      in = ParameterIn.PATH,
      required = true,
      example = "\"1\"",
      schema = @Schema(type = "string"))
  void inferVersion(HttpServletRequest request, HttpServletResponse response)
      throws HttpMediaTypeNotSupportedException, IOException {
    Map<String, String> variables = pathVariables(request);
    infer(variables.get("name"), variables.get("version"), request, response);
  }

  /**
   * The path's variables, as the handler mapping ({@link DirectlyMapped}: {@code
   * dev.backprop.web.DirectMappings}) left them on the request: read here rather than through
   * {@code @PathVariable}, whose resolution (a data binder per argument) cost a one-row request
   * more than its feedforward's last layers. The mapping matched the path, so both are there
   * (decoded, as {@code @PathVariable} has them).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> pathVariables(HttpServletRequest request) {
    return (Map<String, String>)
        request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
  }

  /**
   * Reads the body as JSON, or with binary tensor data when it has {@value
   * BinaryTensors#HEADER_LENGTH}; answers as JSON, or with the output as binary data when asked. A
   * body without a media type is JSON (tritonclient sends none); one of another type than JSON or
   * {@code application/octet-stream} is refused. The headers and the body are read straight from
   * the servlet request, and the answer written straight to the response with its length (so
   * neither chunked nor gzipped when small): a one-row request spent a third of its CPU time in
   * argument resolution and message conversion around a feedforward that costs far less.
   */
  private void infer(
      String name, String version, HttpServletRequest request, HttpServletResponse response)
      throws HttpMediaTypeNotSupportedException, IOException {
    checkContentType(request.getContentType());
    InferenceBody body =
        codec.read(
            request.getInputStream(),
            request.getContentLengthLong(),
            request.getHeader(BinaryTensors.HEADER_LENGTH));
    InferenceResponse answer = service.infer(name, version, body);
    if (!body.binaryOutput()) {
      write(response, MediaType.APPLICATION_JSON_VALUE, codec.json(answer));
      return;
    }
    InferenceCodec.Encoded encoded = codec.binary(answer);
    response.setHeader(BinaryTensors.HEADER_LENGTH, Integer.toString(encoded.headerLength()));
    write(response, MediaType.APPLICATION_OCTET_STREAM_VALUE, encoded.body());
  }

  private static void checkContentType(String contentType)
      throws HttpMediaTypeNotSupportedException {
    if (contentType == null
        || contentType.isBlank()
        || contentType.equals(MediaType.APPLICATION_JSON_VALUE)) {
      return;
    }
    MediaType type = MediaType.parseMediaType(contentType);
    boolean json =
        type.getType().equals("application")
            && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    if (!json && !MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(type)) {
      throw new HttpMediaTypeNotSupportedException(
          type,
          List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM),
          HttpMethod.POST);
    }
  }

  /** A 200 with the whole body and its length. */
  private static void write(HttpServletResponse response, String contentType, byte[] body)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(contentType);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** Any other path under /v2 (or method on one): a protocol error rather than a problem detail. */
  @RequestMapping({"/v2/**"})
  @Operation(hidden = true)
  ResponseEntity<OpenInferenceError> unknown(HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            new OpenInferenceError(
                "no endpoint " + request.getMethod() + " " + request.getRequestURI()));
  }
}
