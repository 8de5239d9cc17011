package dev.backprop.security;

import static dev.backprop.security.SecuredIntegrationTest.ADMIN_KEY;
import static dev.backprop.security.SecuredIntegrationTest.PREDICT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who gets in where, with keys configured: every endpoint group, both ways of sending a key. */
@SecuredIntegrationTest
class ApiKeyAccessTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String JOB = UUID.randomUUID().toString();

  enum Level {
    /** Reachable without a key. */
    OPEN,
    /** A predict or an admin key. */
    PREDICT,
    /** An admin key only. */
    ADMIN
  }

  record Endpoint(Level level, String method, String path, String contentType, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Endpoint open(String method, String path) {
    return new Endpoint(Level.OPEN, method, path, null, "");
  }

  static Endpoint predict(String method, String path) {
    return predict(method, path, "application/json", method.equals("GET") ? "" : "{}");
  }

  static Endpoint predict(String method, String path, String contentType, String body) {
    return new Endpoint(Level.PREDICT, method, path, contentType, body);
  }

  static Endpoint admin(String method, String path) {
    return admin(method, path, "application/json", method.equals("DELETE") ? "" : "{}");
  }

  /** A read that needs the admin key. */
  static Endpoint adminGet(String path) {
    return new Endpoint(Level.ADMIN, "GET", path, null, "");
  }

  static Endpoint admin(String method, String path, String contentType, String body) {
    return new Endpoint(Level.ADMIN, method, path, contentType, body);
  }

  static Stream<Endpoint> endpoints() {
    return Stream.of(
        // Networks
        admin("POST", "/api/v1/networks"),
        predict("GET", "/api/v1/networks"),
        predict("GET", "/api/v1/networks/no-such-net"),
        admin("DELETE", "/api/v1/networks/no-such-net"),
        // Versions
        predict("GET", "/api/v1/networks/no-such-net/versions"),
        predict("GET", "/api/v1/networks/no-such-net/versions/1"),
        predict("GET", "/api/v1/networks/no-such-net/versions/latest"),
        // Export and import
        predict("GET", "/api/v1/networks/no-such-net/versions/latest/export"),
        admin("POST", "/api/v1/networks/import"),
        // Data sets
        admin("POST", "/api/v1/datasets?name=no-such-set", "text/csv", "a,b\n1,2\n"),
        admin("POST", "/api/v1/datasets"),
        predict("GET", "/api/v1/datasets"),
        predict("GET", "/api/v1/datasets/no-such-set"),
        admin("DELETE", "/api/v1/datasets/no-such-set"),
        // Training jobs
        admin("POST", "/api/v1/networks/no-such-net/training-jobs"),
        predict("GET", "/api/v1/training-jobs"),
        predict("GET", "/api/v1/training-jobs/" + JOB),
        admin("POST", "/api/v1/training-jobs/" + JOB + "/cancel", null, ""),
        predict("GET", "/api/v1/training-jobs/" + JOB + "/events"),
        predict("GET", "/api/v1/training-jobs/" + JOB + "/curves.svg"),
        // Predictions
        predict("POST", "/api/v1/networks/no-such-net/predictions"),
        predict("POST", "/api/v1/networks/no-such-net/predictions?version=1"),
        predict("POST", "/api/v1/networks/no-such-net/versions/1/activations"),
        // Open Inference Protocol (whether or not its controllers are present)
        open("GET", "/v2"),
        open("GET", "/v2/health/live"),
        open("GET", "/v2/health/ready"),
        predict("GET", "/v2/models/no-such-net"),
        predict("GET", "/v2/models/no-such-net/ready"),
        predict("GET", "/v2/models/no-such-net/versions/1"),
        predict("GET", "/v2/models/no-such-net/versions/1/ready"),
        predict("POST", "/v2/models/no-such-net/infer"),
        predict("POST", "/v2/models/no-such-net/versions/1/infer"),
        admin("POST", "/v2/repository/models/no-such-net/load"),
        // Operations and documentation
        open("GET", "/actuator/health"),
        open("GET", "/actuator/health/liveness"),
        open("GET", "/actuator/health/readiness"),
        adminGet("/actuator/prometheus"),
        adminGet("/actuator/info"),
        predict("GET", "/actuator/metrics"),
        open("GET", "/v3/api-docs"),
        open("GET", "/swagger-ui/index.html"),
        open("GET", "/swagger-ui.html"),
        // The dashboard's page and files (its calls to the API need a key like any other)
        open("GET", "/"),
        open("GET", "/index.html"),
        open("GET", "/dashboard/app.js"),
        open("GET", "/webjars/uplot/dist/uPlot.iife.min.js"),
        open("GET", "/favicon.ico"),
        open("GET", "/webjars/none.js"));
  }

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  HttpResponse<String> call(Endpoint e, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + e.path()))
            .method(
                e.method(),
                e.body().isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(e.body()));
    if (e.contentType() != null && !e.body().isEmpty()) {
      request.header("Content-Type", e.contentType());
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void withoutAKey(Endpoint e) {
    var response = call(e);
    if (e.level() == Level.OPEN) {
      assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403).isLessThan(500);
    } else {
      assertUnauthorized(e, response);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void withAWrongKey(Endpoint e) {
    for (String[] headers :
        List.of(
            new String[] {"X-API-Key", "wrong-key"},
            new String[] {"Authorization", "Bearer wrong-key"},
            new String[] {"Authorization", "Bearer " + ADMIN_KEY + "x"},
            new String[] {"Authorization", "Bearer " + ADMIN_KEY.substring(1)},
            new String[] {"X-API-Key", ADMIN_KEY.toUpperCase(java.util.Locale.ROOT)})) {
      var response = call(e, headers);
      if (e.level() == Level.OPEN) {
        // An endpoint that needs no key ignores whatever key comes with the request.
        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403).isLessThan(500);
        continue;
      }
      assertUnauthorized(e, response);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer error=\"invalid_token\"");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void withAPredictKey(Endpoint e) {
    for (String[] headers :
        List.of(
            new String[] {"X-API-Key", PREDICT_KEY},
            new String[] {"Authorization", "Bearer " + PREDICT_KEY})) {
      var response = call(e, headers);
      if (e.level() == Level.ADMIN) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertError(e, response, "forbidden");
      } else {
        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403).isLessThan(500);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void withAnAdminKey(Endpoint e) {
    for (String[] headers :
        List.of(
            new String[] {"X-API-Key", ADMIN_KEY},
            new String[] {"Authorization", "Bearer " + ADMIN_KEY},
            new String[] {"Authorization", "bearer " + ADMIN_KEY},
            new String[] {"X-API-Key", "second-admin-key"})) {
      var response = call(e, headers);
      assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403).isLessThan(500);
      assertThat(response.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
    }
  }

  @Test
  void twoDifferentKeysAreRefused() {
    var response =
        call(
            predict("GET", "/api/v1/networks"),
            "X-API-Key",
            ADMIN_KEY,
            "Authorization",
            "Bearer " + PREDICT_KEY);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("two different keys");
  }

  @Test
  void openEndpointsIgnoreEvenMalformedKeys() {
    var liveness = open("GET", "/actuator/health/liveness");
    assertThat(call(liveness, "Authorization", "Bearer ").statusCode()).isEqualTo(200);
    assertThat(call(liveness, "X-API-Key", " ").statusCode()).isEqualTo(200);
    var server = call(open("GET", "/v2"), "X-API-Key", ADMIN_KEY, "Authorization", "Bearer x");
    assertThat(server.statusCode()).as(server.body()).isEqualTo(200);
    assertThat(server.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void otherAuthorizationSchemesAndEmptyKeysAreNotKeys() {
    var endpoint = predict("GET", "/api/v1/networks");
    assertThat(call(endpoint, "Authorization", "Basic YWRtaW46YWRtaW4=").statusCode())
        .isEqualTo(401);
    assertThat(call(endpoint, "Authorization", "Bearer ").statusCode()).isEqualTo(401);
    assertThat(call(endpoint, "X-API-Key", " ").statusCode()).isEqualTo(401);
    assertThat(call(endpoint, "Authorization", ADMIN_KEY).statusCode()).isEqualTo(401);
  }

  @Test
  void theAdminKeyDoesTheWholeFlowAndThePredictKeyOnlyReadsAndPredicts() {
    String[] admin = {"X-API-Key", ADMIN_KEY};
    String[] predict = {"Authorization", "Bearer " + PREDICT_KEY};
    String model =
        """
        { "format": "backprop-model", "formatVersion": 1, "name": "secured-net",
          "network": { "name": "x", "inputs": 2,
                       "layers": [ { "units": 1, "activation": "sigmoid" } ],
                       "loss": "binary_cross_entropy" },
          "version": 1, "standardization": null,
          "layers": [ { "weights": [[0.5, -0.5]], "biases": [0.1] } ] }
        """;
    var imported =
        call(admin("POST", "/api/v1/networks/import", "application/json", model), predict);
    assertThat(imported.statusCode()).isEqualTo(403);
    imported = call(admin("POST", "/api/v1/networks/import", "application/json", model), admin);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

    var export = call(predict("GET", "/api/v1/networks/secured-net/versions/1/export"), predict);
    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    var prediction =
        call(
            predict(
                "POST",
                "/api/v1/networks/secured-net/predictions",
                "application/json",
                "{\"inputs\": [[1, 2]]}"),
            predict);
    assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);

    assertThat(call(admin("DELETE", "/api/v1/networks/secured-net"), predict).statusCode())
        .isEqualTo(403);
    assertThat(call(predict("GET", "/api/v1/networks/secured-net"), predict).statusCode())
        .isEqualTo(200);
    assertThat(call(admin("DELETE", "/api/v1/networks/secured-net"), admin).statusCode())
        .isEqualTo(204);
  }

  @Test
  void theOpenApiDocumentDeclaresTheKeySchemesGlobally() {
    JsonNode docs = JSON.readTree(http.get("/v3/api-docs").body());
    JsonNode schemes = docs.path("components").path("securitySchemes");
    assertThat(schemes.path("apiKey").path("type").asString()).isEqualTo("apiKey");
    assertThat(schemes.path("apiKey").path("in").asString()).isEqualTo("header");
    assertThat(schemes.path("apiKey").path("name").asString()).isEqualTo("X-API-Key");
    assertThat(schemes.path("bearer").path("type").asString()).isEqualTo("http");
    assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
    assertThat(docs.path("security").toString()).contains("apiKey").contains("bearer");
  }

  private static void assertUnauthorized(Endpoint e, HttpResponse<String> response) {
    assertThat(response.statusCode()).as(e + ": " + response.body()).isEqualTo(401);
    assertError(e, response, "unauthorized");
  }

  /** A problem detail under /api/v1 (and elsewhere), the protocol's { "error" } under /v2. */
  private static void assertError(Endpoint e, HttpResponse<String> response, String slug) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    JsonNode body = JSON.readTree(response.body());
    if (e.path().startsWith("/v2")) {
      assertThat(contentType).startsWith("application/json");
      assertThat(body.path("error").isString()).as(response.body()).isTrue();
      assertThat(body.size()).isEqualTo(1);
    } else {
      assertThat(contentType).startsWith("application/problem+json");
      assertThat(body.path("type").asString()).isEqualTo("https://backprop.dev/problems/" + slug);
      assertThat(body.path("title").asString()).isNotBlank();
      assertThat(body.path("status").asInt()).isEqualTo(response.statusCode());
      assertThat(body.path("detail").asString()).isNotBlank();
    }
  }
}
