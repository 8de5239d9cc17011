package dev.backprop;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds every answer the tests see to the published contract, {@code openapi/openapi.yaml}: its
 * status must be documented for the operation, and its body valid against the documented schema.
 * The shared test clients call {@link #check} on every response ({@link HttpTestClient} and,
 * through {@link OpenApiContractMockMvc}, every MockMvc test), so a test added later is covered
 * too; a mismatch fails the test with the validator's report.
 */
public final class OpenApiContract {

  private static final Path DOCUMENT = Path.of("openapi", "openapi.yaml");

  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(DOCUMENT.toUri().toString())
          .withLevelResolver(
              LevelResolver.create()
                  // Tests probe paths and methods that do not exist on purpose (404, 405 from
                  // the service's fallbacks, a slice test's sample controller): no document
                  // lists those, so only answers of documented operations are checked.
                  .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                  .withLevel(
                      "validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                  // The validator's float and double format checks compare the JSON text with
                  // Java's
                  // text of the parsed value and call every small value an overflow (0.000026 is
                  // not "2.6E-5"); the values are still checked to be numbers.
                  .withLevel(
                      "validation.response.body.schema.format.float", ValidationReport.Level.IGNORE)
                  .withLevel(
                      "validation.response.body.schema.format.double",
                      ValidationReport.Level.IGNORE)
                  .build())
          .build();

  private OpenApiContract() {}

  /**
   * Fails with the validator's messages if the answer is not what the document says.
   *
   * @param headers the response headers (Content-Type picks the schema)
   * @param body the body as text, or null when it is not text
   */
  public static void check(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    headers.forEach(response::withHeader);
    if (body != null && !body.isEmpty()) {
      response.withBody(body);
    }
    ValidationReport report =
        VALIDATOR.validateResponse(path, Request.Method.valueOf(method), response.build());
    if (report.hasErrors()) {
      throw new AssertionError(
          "The answer to "
              + method
              + " "
              + path
              + " ("
              + status
              + ") breaks openapi/openapi.yaml:\n"
              + format(report)
              + "\nbody: "
              + Optional.ofNullable(body).map(OpenApiContract::cut).orElse("(none)"));
    }
  }

  /** A body as the validator reads it: bytes (a binary schema) one char per byte, else UTF-8. */
  public static String text(byte[] body, String contentType) {
    boolean binary = contentType != null && contentType.startsWith("application/octet-stream");
    return new String(body, binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  private static String format(ValidationReport report) {
    StringBuilder text = new StringBuilder();
    report
        .getMessages()
        .forEach(
            m ->
                text.append("  ")
                    .append(m.getKey())
                    .append(": ")
                    .append(m.getMessage())
                    .append('\n'));
    return text.toString();
  }

  private static String cut(String body) {
    return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
  }
}
