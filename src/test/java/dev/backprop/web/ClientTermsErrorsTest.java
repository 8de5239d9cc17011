package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unreadable bodies on both APIs are answered in the client's terms: the field and what it should
 * have been, never a Java class, a parser token or Jackson's wording.
 */
@IntegrationTest
class ClientTermsErrorsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** What must never reach a client. */
  static final List<String> INTERNALS =
      List.of(
          "`",
          "$",
          "dev.backprop",
          "java.",
          "tools.jackson",
          "JsonToken",
          "START_",
          "END_",
          "InferenceRequest",
          "PredictionRequest",
          "NetworkDefinition",
          "Cannot deserialize",
          "StreamReadConstraints",
          "(code ");

  record Case(String path, String body, String field, String says) {
    @Override
    public String toString() {
      return path + " " + (body.length() > 40 ? body.substring(0, 40) + "..." : body);
    }
  }

  static final String V2 = "/v2/models/no-such-net/infer";
  static final String PREDICT = "/api/v1/networks/no-such-net/predictions";
  static final String NETWORKS = "/api/v1/networks";

  static Stream<Case> cases() {
    return Stream.of(
        new Case(V2, "[1, 2]", "body", "must be an object"),
        new Case(V2, "{\"inputs\": {\"name\": \"input\"}}", "inputs", "must be an array"),
        new Case(V2, "{\"inputs\": [[1, 2]]}", "inputs[0]", "must be an object"),
        new Case(V2, "{\"inputs\": [{\"shape\": \"1x4\"}]}", "inputs[0].shape", "array"),
        new Case(V2, "{\"inputs\": [{\"shape\": [1, \"a\"]}]}", "inputs[0].shape[1]", "integer"),
        new Case(
            V2,
            "{\"inputs\": [{\"shape\": [99999999999999999999]}]}",
            "inputs[0].shape[0]",
            "out of range"),
        new Case(V2, "{\"inputs\": [{\"name\": \"input\"", "body", "ends before"),
        new Case(V2, "{\"inputs\" []}", "body", "is not valid JSON (line 1"),
        new Case(V2, "{} {}", "body", "exactly one JSON value"),
        new Case(
            V2,
            "{\"inputs\": [{\"data\": " + "[".repeat(3000) + "]".repeat(3000) + "}]}",
            "body",
            "nested too deeply"),
        new Case(PREDICT, "[1, 2]", "body", "must be an object"),
        new Case(PREDICT, "{\"inputs\": [[\"a\"]]}", "inputs[0][0]", "number"),
        new Case(PREDICT, "{\"inputs\": {\"a\": 1}}", "inputs", "must be an array"),
        new Case(PREDICT, "{\"inputs\": [[1]], \"extra\": 1}", "extra", "not a known field"),
        new Case(PREDICT, "{\"inputs\": [[1]]", "body", "ends before"),
        new Case(NETWORKS, "[]", "body", "must be an object"),
        new Case(NETWORKS, "{\"name\": \"n\", \"inputs\": 1.5}", "inputs", "integer"),
        new Case(NETWORKS, "{\"name\": \"n\", \"layers\": 3}", "layers", "must be an array"),
        new Case(NETWORKS, "{\"name\" 1}", "body", "is not valid JSON"),
        new Case(NETWORKS, "{\"name\": \"n\"} []", "body", "exactly one JSON value"));
  }

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theErrorNamesTheFieldAndNoInternals(Case c) {
    var response = http.send("POST", c.path(), "application/json", c.body());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    String message;
    if (c.path().startsWith("/v2")) {
      message = body.path("error").asString();
    } else {
      message = body.path("detail").asString();
      assertThat(body.path("errors").get(0).path("field").asString()).isEqualTo(c.field());
    }
    assertThat(message).as(response.body()).startsWith(c.field() + ": ").contains(c.says());
    for (String internal : INTERNALS) {
      assertThat(response.body()).as("mentions " + internal).doesNotContain(internal);
    }
  }
}
