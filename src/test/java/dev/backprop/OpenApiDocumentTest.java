package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Keeps {@code openapi/openapi.yaml}, the published contract, equal to what the service serves.
 * Regenerate it with {@value #REGENERATE}.
 */
@IntegrationTest
class OpenApiDocumentTest {

  static final String REGENERATE =
      "./mvnw -B test -Dtest=OpenApiDocumentTest -Dbackprop.openapi.write=true";
  static final Path PUBLISHED = Path.of("openapi", "openapi.yaml");

  @LocalServerPort int port;

  @Test
  void publishedDocumentEqualsServedDocument() throws IOException, InterruptedException {
    // Fetched without the contract check: the document is not held to itself, and a broken
    // committed copy must not stop its regeneration.
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs.yaml"))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    String served = normalise(response.body());
    if (Boolean.getBoolean("backprop.openapi.write")) {
      Files.createDirectories(PUBLISHED.getParent());
      Files.writeString(PUBLISHED, served, StandardCharsets.UTF_8);
    }
    assertThat(PUBLISHED).as("openapi/openapi.yaml is missing; run: " + REGENERATE).exists();
    String published = Files.readString(PUBLISHED, StandardCharsets.UTF_8);
    assertThat(published)
        .as("openapi/openapi.yaml differs from the served /v3/api-docs.yaml; run: " + REGENERATE)
        .isEqualTo(served);
  }

  /**
   * Every operation has an explicit operationId that reads as a verb, so generated clients get
   * methods such as {@code createNetwork} rather than springdoc's {@code list_1}: an endpoint added
   * without {@code @Operation(operationId = ...)} fails here.
   */
  @Test
  void everyOperationHasAVerbOperationId() {
    var document = new OpenAPIV3Parser().read(PUBLISHED.toString());
    List<String> wrong = new ArrayList<>();
    document
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          String id = operation.getOperationId();
                          if (id == null || !VERB_ID.matcher(id).matches()) {
                            wrong.add(method + " " + path + ": " + id);
                          }
                        }));
    assertThat(wrong).as("operationIds that are not verbNoun").isEmpty();
  }

  /**
   * A verb, then what it acts on; the V2 protocol's own names (modelInfer) are kept as they are.
   */
  private static final Pattern VERB_ID =
      Pattern.compile(
          "(get|list|create|delete|update|submit|cancel|stream|predict|export|import|check|compute"
              + "|draw|search|upload|download|model|modelVersion)([A-Z][A-Za-z]*)?");

  /** The server URL holds the random test port, which is no part of the contract. */
  private static String normalise(String yaml) {
    return yaml.replaceAll("http://localhost:\\d+", "http://localhost:8080").stripTrailing() + "\n";
  }
}
