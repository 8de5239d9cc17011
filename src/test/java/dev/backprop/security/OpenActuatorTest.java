package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Keys configured and {@code backprop.security.open-actuator=true}: metrics and info answer without
 * a key (and ignore a wrong one), while the API still needs one.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "backprop.security.admin-keys=" + OpenActuatorTest.ADMIN_KEY,
      "backprop.security.open-actuator=true"
    })
@ActiveProfiles("test")
class OpenActuatorTest {

  static final String ADMIN_KEY = "admin-key-c41d7e09a3f85b26";

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request);
  }

  @Test
  void prometheusAndInfoAreOpenAndIgnoreAWrongKey() {
    for (String path : new String[] {"/actuator/prometheus", "/actuator/info"}) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(200);
      assertThat(get(path, "X-API-Key", "wrong-key").statusCode()).as(path).isEqualTo(200);
      assertThat(get(path, "X-API-Key", ADMIN_KEY).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void theApiStillNeedsAKey() {
    assertThat(get("/api/v1/networks").statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/networks", "X-API-Key", "wrong-key").statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/networks", "X-API-Key", ADMIN_KEY).statusCode()).isEqualTo(200);
  }
}
