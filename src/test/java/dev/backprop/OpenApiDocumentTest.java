package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void publishedDocumentEqualsServedDocument() throws IOException {
    var response = new HttpTestClient(port).get("/v3/api-docs.yaml");
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

  /** The server URL holds the random test port, which is no part of the contract. */
  private static String normalise(String yaml) {
    return yaml.replaceAll("http://localhost:\\d+", "http://localhost:8080").stripTrailing() + "\n";
  }
}
