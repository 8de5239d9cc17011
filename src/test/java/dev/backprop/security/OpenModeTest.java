package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.SecurityFilterChain;

/** With no keys configured, the service runs open: no key needed, and any key ignored. */
@IntegrationTest
class OpenModeTest {

  @LocalServerPort int port;
  @Autowired ApiSecurityProperties properties;
  @Autowired List<SecurityFilterChain> chains;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  @Test
  void noKeysAreConfiguredByDefault() {
    assertThat(properties.keysConfigured()).isFalse();
    assertThat(properties.openActuator()).isFalse();
    assertThat(properties.cors().enabled()).isFalse();
  }

  @Test
  void everythingIsReachableWithoutAKey() {
    assertThat(http.get("/api/v1/networks").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/datasets").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/training-jobs").statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/info").statusCode()).isEqualTo(200);
    var created =
        http.send(
            "POST",
            "/api/v1/networks",
            "application/json",
            "{\"name\": \"open-mode\", \"inputs\": 2, \"layers\": [{\"units\": 1, \"activation\":"
                + " \"sigmoid\"}], \"loss\": \"quadratic\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Set-Cookie")).isEmpty();
    var deleted = http.send("DELETE", "/api/v1/networks/open-mode", null, "");
    assertThat(deleted.statusCode()).isEqualTo(204);
  }

  /**
   * Open, the chain is the firewall (the proxy's own) and the security headers: nothing else in it
   * would find anything to do.
   */
  @Test
  void theOpenChainHoldsTheHeadersAlone() {
    assertThat(chains).singleElement();
    assertThat(chains.get(0).getFilters())
        .map(filter -> filter.getClass().getSimpleName())
        .containsExactly("HeaderWriterFilter");
  }

  @Test
  void keysAreIgnored() {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/networks"))
                .header("Authorization", "Bearer whatever"));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void noCorsHeadersWithoutConfiguredOrigins() {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/networks"))
                .header("Origin", "https://ui.example.com"));
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
