package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backprop.CsvForm;
import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.domain.NotFoundException;
import dev.backprop.engine.RowArrays;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.Problems;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Data sets through the running service and its database. */
@IntegrationTest
class DatasetIntegrationTest {

  @LocalServerPort int port;
  @Autowired DatasetService service;
  @Autowired ObjectMapper json;
  @Autowired DatasetRepository repository;
  @Autowired LimitsProperties limits;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  HttpResponse<String> postCsv(String query, byte[] csv) {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/datasets" + query))
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
  }

  HttpResponse<String> postForm(String name, String fileName, byte[] file) {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/datasets"))
            .header("Content-Type", CsvForm.CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(CsvForm.body(name, fileName, file))));
  }

  static byte[] example(String file) throws IOException {
    return Files.readAllBytes(Path.of("examples", file));
  }

  JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
  }

  @Test
  void irisRoundTripThroughTheDatabase() throws IOException {
    HttpResponse<String> created = postCsv("?name=iris-it&target=species", example("iris.csv"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/datasets/iris-it");
    JsonNode info = body(created);
    assertThat(info.get("rows").asInt()).isEqualTo(150);
    assertThat(info.get("targetKind").asString()).isEqualTo("categorical");
    assertThat(info.get("classes").toString())
        .isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");
    // Stored compactly: four float32 feature columns, the class index in a byte, and one byte per
    // column naming its encoding.
    assertThat(info.get("sizeBytes").asLong()).isEqualTo(150L * 4 * 4 + 4 + 150L + 1);

    HttpResponse<String> got = http.get("/api/v1/datasets/iris-it");
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(body(got)).isEqualTo(info);

    HttpResponse<String> list = http.get("/api/v1/datasets?size=500");
    assertThat(list.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    body(list).get("items").forEach(item -> names.add(item.get("name").asString()));
    assertThat(names).contains("iris-it").isSorted();
    assertThat(body(list).get("total").asLong()).isEqualTo(names.size());

    DatasetData data = service.load("iris-it");
    assertThat(data.info()).isEqualTo(service.get("iris-it"));
    List<String> lines = Files.readAllLines(Path.of("examples", "iris.csv"));
    List<String> classes = data.info().classes();
    float[][] features = RowArrays.of(data.features());
    for (int i = 0; i < 150; i++) {
      String[] cells = lines.get(i + 1).split(",");
      for (int j = 0; j < 4; j++) {
        assertThat(features[i][j]).isEqualTo(Float.parseFloat(cells[j]));
      }
      assertThat(data.targets().get(i, 0)).isEqualTo((float) classes.indexOf(cells[4]));
    }

    assertThat(http.send("DELETE", "/api/v1/datasets/iris-it", null, "").statusCode())
        .isEqualTo(204);
    assertProblem(http.get("/api/v1/datasets/iris-it"), 404);
    assertProblem(http.send("DELETE", "/api/v1/datasets/iris-it", null, ""), 404);
    NotFoundException gone =
        catchThrowableOfType(NotFoundException.class, () -> service.load("iris-it"));
    assertThat(Problems.of(gone).status()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void multipartUploadOfWineGivesANumericTarget() throws IOException {
    HttpResponse<String> created = postForm("wine-it", "wine.csv", example("wine.csv"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode info = body(created);
    assertThat(info.get("target").asString()).isEqualTo("cultivar");
    assertThat(info.get("targetKind").asString()).isEqualTo("numeric");
    assertThat(info.get("classes").isNull()).isTrue();
    assertThat(info.get("features").size()).isEqualTo(13);
    assertThat(service.load("wine-it").targets().get(177, 0)).isEqualTo(2f);
  }

  @Test
  void jsonUploadWithVectorTargets() {
    String upload =
        "{\"name\":\"xor-it\",\"features\":[[0,0],[0,1],[1,0],[1,1]],"
            + "\"targets\":[[1,0],[0,1],[0,1],[1,0]],\"featureNames\":[\"a\",\"b\"]}";
    HttpResponse<String> created =
        http.send("POST", "/api/v1/datasets", "application/json", upload);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/datasets/xor-it");
    DatasetData data = service.load("xor-it");
    assertThat(data.info().targetWidth()).isEqualTo(2);
    assertThat(data.info().targetKind()).isEqualTo(TargetKind.NUMERIC);
    assertThat(RowArrays.of(data.features()))
        .isDeepEqualTo(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    assertThat(RowArrays.of(data.targets()))
        .isDeepEqualTo(new float[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}});

    assertProblem(http.send("POST", "/api/v1/datasets", "application/json", upload), 409);
  }

  @Test
  void jsonUploadIsReadAsItStreamsInWhateverTheOrderOfItsFields() {
    String upload =
        "{\"targets\":[\"b\",\"a\",\"b\"],\"featureNames\":[\"p\",\"q\"],"
            + "\"features\":[[1,2.5],[3,\"4\"],[-5,6]],\"name\":\"order-it\"}";
    HttpResponse<String> created =
        http.send("POST", "/api/v1/datasets", "application/json", upload);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    DatasetData data = service.load("order-it");
    assertThat(data.info().features()).containsExactly("p", "q");
    assertThat(data.info().classes()).containsExactly("a", "b");
    assertThat(RowArrays.of(data.features()))
        .isDeepEqualTo(new float[][] {{1, 2.5f}, {3, 4}, {-5, 6}});
    assertThat(RowArrays.of(data.targets())).isDeepEqualTo(new float[][] {{1}, {0}, {1}});
  }

  @Test
  void jsonUploadNamesTheElementAtFaultAndStoresNothing() {
    assertJsonRefused(
        "{\"name\":\"j-it\",\"features\":[[1,2],[3,\"x\"]],\"targets\":[1,2]}",
        "malformed-request",
        "features[1][1]");
    assertJsonRefused(
        "{\"name\":\"j-it\",\"features\":[[1,2],[3]],\"targets\":[1,2]}",
        "invalid-dataset",
        "features[1]");
    assertJsonRefused(
        "{\"name\":\"j-it\",\"features\":[[1],null],\"targets\":[1,2]}",
        "invalid-dataset",
        "features[1]");
    assertJsonRefused(
        "{\"name\":\"j-it\",\"features\":5,\"targets\":[1]}", "malformed-request", "features");
    assertJsonRefused(
        "{\"name\":\"j-it\",\"features\":[[1],[2]],\"targets\":[\"a\",[1]]}",
        "invalid-dataset",
        "targets[1]");
    assertJsonRefused(
        "{\"name\":\"j-it\",\"features\":[[1],[2]],\"targets\":[1]}", "invalid-dataset", "targets");
    assertThat(service.exists("j-it")).isFalse();
  }

  private void assertJsonRefused(String upload, String type, String field) {
    HttpResponse<String> response =
        http.send("POST", "/api/v1/datasets", "application/json", upload);
    assertProblem(response, 400);
    JsonNode problem = body(response);
    assertThat(problem.get("type").asString()).isEqualTo("https://backprop.dev/problems/" + type);
    assertThat(problem.get("errors").get(0).get("field").asString())
        .as(problem.toString())
        .isEqualTo(field);
  }

  @Test
  void duplicateNameIsAConflictAndKeepsTheFirst() throws IOException {
    assertThat(postCsv("?name=dup-it", example("diabetes.csv")).statusCode()).isEqualTo(201);
    HttpResponse<String> again = postCsv("?name=dup-it", example("iris.csv"));
    assertProblem(again, 409);
    assertThat(body(again).get("type").asString())
        .isEqualTo("https://backprop.dev/problems/conflict");
    assertThat(service.get("dup-it").target()).isEqualTo("progression");
  }

  @Test
  void insertingATakenNameIsADuplicateKey() {
    String upload = "{\"name\":\"race-it\",\"features\":[[1]],\"targets\":[\"a\"]}";
    assertThat(http.send("POST", "/api/v1/datasets", "application/json", upload).statusCode())
        .isEqualTo(201);
    // What the service turns into a 409 when two uploads of one name race past its check.
    ParsedDataset data =
        DatasetArrays.parse(
            List.of(List.of(2.0)), List.of(json.readTree("1")), null, null, "", limits);
    assertThatThrownBy(() -> repository.insert("race-it", data, java.time.Instant.now()))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(service.get("race-it").targetKind()).isEqualTo(TargetKind.CATEGORICAL);
  }

  @Test
  void badCellIsA400NamingRowAndColumnAndStoresNothing() {
    HttpResponse<String> response =
        postCsv("?name=bad-it", "a,b,y\n1,2,x\n3,oops,y\n".getBytes(StandardCharsets.UTF_8));
    assertProblem(response, 400);
    JsonNode problem = body(response);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://backprop.dev/problems/invalid-dataset");
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("row 2, column 'b'");
    assertThat(problem.get("detail").asString()).contains("'oops' is not a number");
    assertThat(service.exists("bad-it")).isFalse();
  }

  @Test
  void openApiDocumentsTheThreeUploadFormats() {
    HttpResponse<String> docs = http.get("/v3/api-docs");
    JsonNode post = json.readTree(docs.body()).get("paths").get("/api/v1/datasets").get("post");
    JsonNode content = post.get("requestBody").get("content");
    assertThat(content.propertyNames())
        .containsExactlyInAnyOrder("text/csv", "multipart/form-data", "application/json");
    assertThat(content.get("text/csv").toString()).contains("sepal_length");
    // The form is a named schema, which generators model (an inline one they skipped).
    assertThat(content.get("multipart/form-data").get("schema").path("$ref").asString())
        .isEqualTo("#/components/schemas/" + DatasetOpenApi.FORM);
    assertThat(content.get("application/json").toString()).contains("xor");
    assertThat(post.get("tags").get(0).asString()).isEqualTo("Data sets");
    assertThat(post.get("operationId").asString()).isEqualTo("createDataset");
    JsonNode schemas = json.readTree(docs.body()).get("components").get("schemas");
    assertThat(schemas.get(DatasetOpenApi.FORM).get("properties").propertyNames())
        .contains("file", "name");
    assertThat(schemas.get("DatasetUpload").get("properties").get("targets").toString())
        .contains(DatasetOpenApi.TARGET_REF);
    assertThat(schemas.has(DatasetOpenApi.TARGET)).isTrue();
    assertThat(schemas.has("JsonNode")).isFalse();
  }
}
