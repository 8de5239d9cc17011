package dev.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Odd bodies on every endpoint of networks, jobs and predictions: always a 4xx problem. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoServerErrorForClientMistakesTest {

  @LocalServerPort int port;
  Api api;

  static final String DOCUMENT =
      """
      { "format": "backprop-model", "formatVersion": 1,
        "network": { "name": "odd", "inputs": 2,
                     "layers": [ { "units": 1, "activation": "sigmoid" } ],
                     "loss": "binary_cross_entropy", "seed": 1 },
        "standardization": null,
        "layers": [ { "weights": [[0.5, -0.25]], "biases": [0.125] } ] }
      """;

  @BeforeAll
  void setUp() {
    api = new Api(port);
    api.post("/api/v1/networks/import", DOCUMENT).ok(201);
  }

  void clientError(String path, String body) {
    Api.Answer answer = api.post(path, body);
    assertThat(answer.status()).as(path + " " + body + " -> " + answer.raw()).isBetween(400, 499);
    answer.problem(answer.status());
  }

  @Test
  void networks() {
    String ok =
        "{ \"name\": \"odd-%s\", \"inputs\": 2, \"layers\": [ { \"units\": 1, \"activation\":"
            + " \"identity\" } ], \"loss\": \"quadratic\" }";
    String[][] swaps = {
      {"\"units\": 1", "\"units\": 99999999999"},
      {"\"units\": 1", "\"units\": 1e10"},
      {"\"units\": 1", "\"units\": 1.5"},
      {"\"units\": 1", "\"units\": null"},
      {"\"units\": 1", "\"units\": true"},
      {"\"inputs\": 2", "\"inputs\": 0"},
      {"\"inputs\": 2", "\"inputs\": -3"},
      {"\"inputs\": 2", "\"inputs\": 2, \"seed\": 1e30"},
      {"\"inputs\": 2", "\"inputs\": 2, \"seed\": \"x\""},
      {"\"inputs\": 2", "\"inputs\": 2, \"labels\": []"},
      {"\"inputs\": 2", "\"inputs\": 2, \"labels\": [null]"},
      {"\"inputs\": 2", "\"inputs\": 2, \"features\": []"},
      {"\"inputs\": 2", "\"features\": [\"a\", \"a\"]"},
      {"\"inputs\": 2", "\"features\": [null, \"b\"]"},
      {"[ { \"units\": 1, \"activation\": \"identity\" } ]", "[ null ]"},
      {"[ { \"units\": 1, \"activation\": \"identity\" } ]", "{}"},
      {"\"activation\": \"identity\"", "\"activation\": \"\""},
      {"\"activation\": \"identity\"", "\"activation\": \"IDENTITY\""},
      {"\"loss\": \"quadratic\"", "\"loss\": null"},
    };
    int i = 0;
    for (String[] swap : swaps) {
      String body = ok.formatted(i++).replace(swap[0], swap[1]);
      clientError("/api/v1/networks", body);
    }
    clientError("/api/v1/networks", "[]");
    clientError("/api/v1/networks", "null");
    clientError("/api/v1/networks", "\"x\"");
    clientError("/api/v1/networks", "{}");
    clientError("/api/v1/networks", "{} {}");
  }

  @Test
  void imports() {
    String[][] swaps = {
      {"[[0.5, -0.25]]", "[null]"},
      {"[[0.5, -0.25]]", "null"},
      {"[[0.5, -0.25]]", "[]"},
      {"[0.125]", "[]"},
      {"[0.125]", "null"},
      {"\"standardization\": null", "\"standardization\": { \"mean\": null, \"std\": [1, 1] }"},
      {"\"standardization\": null", "\"standardization\": { \"mean\": [0], \"std\": [1] }"},
      {"\"standardization\": null", "\"standardization\": {}"},
      {"\"formatVersion\": 1", "\"formatVersion\": null"},
      {"\"layers\": [ { \"weights\"", "\"layers\": [ null, { \"weights\""},
      {"\"name\": \"odd-import\"", "\"name\": null"},
      {"\"format\"", "\"name\": \"Bad Name\", \"format\""},
    };
    for (String[] swap : swaps) {
      String body = DOCUMENT.replace("\"name\": \"odd\"", "\"name\": \"odd-import\"");
      body = body.replace(swap[0], swap[1]);
      clientError("/api/v1/networks/import", body);
    }
  }

  @Test
  void jobs() {
    String path = "/api/v1/networks/odd/training-jobs";
    String data = "\"data\": { \"features\": [[0, 1], [1, 0]], \"targets\": [0, 1] }";
    String[] bodies = {
      "{ " + data + ", \"seed\": 1e30 }",
      "{ " + data + ", \"epochs\": 99999999999 }",
      "{ " + data + ", \"batchSize\": 1.5 }",
      "{ " + data + ", \"earlyStopping\": {} }",
      "{ " + data + ", \"earlyStopping\": { \"patience\": 0 } }",
      "{ " + data + ", \"fromVersion\": 1 }".replace("1 }", "99999999999 }"),
      "{ " + data + ", \"fromVersion\": \"-1\" }",
      "{ " + data + ", \"l2\": -1 }",
      "{ \"data\": { \"features\": [[0, 1], [1, 0]], \"targets\": [0, 2] } }",
      "{ \"data\": { \"features\": [[0, 1], [1, 0]], \"targets\": [0, \"x\"] } }",
      "{ \"data\": { \"features\": [[0, 1], [1, 0]], \"targets\": [0, null] } }",
      "{ \"data\": { \"features\": [[0, 1], [1, 0]], \"targets\": [0, {}] } }",
      "{ \"data\": { \"features\": [[0, 1], [1]], \"targets\": [0, 1] } }",
      "{ \"data\": { \"features\": [[]], \"targets\": [0] } }",
      "{ \"data\": { \"features\": [[0, 1]] } }",
      "{ \"data\": null }",
      "{ \"dataset\": \"\" }",
      "{ \"dataset\": \"Bad Name\" }",
    };
    for (String body : bodies) {
      clientError(path, body);
    }
  }

  @Test
  void predictions() {
    String path = "/api/v1/networks/odd/predictions";
    String[] bodies = {
      "{ \"inputs\": null }",
      "{ \"inputs\": [null] }",
      "{ \"instances\": [{ \"a\": 1 }] }",
      "{ \"instances\": [null] }",
      "{ \"inputs\": [[1, 2]] ",
      "{ \"inputs\": [[1e308, 2]] }",
    };
    for (String body : bodies) {
      clientError(path, body);
    }
    clientError(path + "?version=99999999999", "{ \"inputs\": [[1, 2]] }");
    clientError(path + "?version=-1", "{ \"inputs\": [[1, 2]] }");
  }
}
