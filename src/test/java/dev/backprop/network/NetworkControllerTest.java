package dev.backprop.network;

import static dev.backprop.web.ProblemResults.isProblem;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.NotFoundException;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import dev.backprop.web.ProblemTypes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The networks endpoints over MockMvc, with the service mocked: statuses, fields, problems. */
@WebMvcTest(NetworkController.class)
class NetworkControllerTest {

  static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");
  static final String IRIS =
      """
      { "name": "iris", "inputs": 4,
        "layers": [ { "units": 8, "activation": "relu" }, { "units": 3, "activation": "softmax" } ],
        "loss": "cross_entropy", "initializer": "xavier", "seed": 42,
        "labels": ["setosa", "versicolor", "virginica"] }
      """;
  static final NetworkResponse IRIS_RESPONSE =
      new NetworkResponse(
          "iris",
          4,
          null,
          List.of(new LayerDefinition(8, "relu"), new LayerDefinition(3, "softmax")),
          "cross_entropy",
          "xavier",
          42,
          List.of("setosa", "versicolor", "virginica"),
          67,
          null,
          CREATED);
  static final UUID JOB = UUID.fromString("0b7c2a4e-3f7a-4a37-9a53-5b2f0d3c9e11");
  static final VersionResponse V1 =
      new VersionResponse(
          1, CREATED, JOB, new VersionMetrics(0.1, null, 0.97, null, 200, 200), null);

  @Autowired MockMvc mvc;
  @MockitoBean NetworkService service;
  @MockitoBean NetworkCreator creator;

  static MockHttpServletRequestBuilder postJson(String path, String body) {
    return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  /** The 400 of one invalid field, named in {@code errors[].field}. */
  ResultActions invalidField(String body, String field, java.net.URI type) throws Exception {
    return isProblem(mvc.perform(postJson("/api/v1/networks", body)), 400, type)
        .andExpect(jsonPath("$.errors[?(@.field=='" + field + "')].message").exists());
  }

  // --- create -----------------------------------------------------------------------------------

  @Test
  void createAnswers201WithLocationAndTheDefinition() throws Exception {
    given(creator.create(any())).willReturn(IRIS_RESPONSE);
    mvc.perform(postJson("/api/v1/networks", IRIS))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/networks/iris"))
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.name").value("iris"))
        .andExpect(jsonPath("$.inputs").value(4))
        .andExpect(jsonPath("$.layers[0].units").value(8))
        .andExpect(jsonPath("$.layers[0].activation").value("relu"))
        .andExpect(jsonPath("$.layers[1].activation").value("softmax"))
        .andExpect(jsonPath("$.loss").value("cross_entropy"))
        .andExpect(jsonPath("$.initializer").value("xavier"))
        .andExpect(jsonPath("$.seed").value(42))
        .andExpect(jsonPath("$.labels[2]").value("virginica"))
        .andExpect(jsonPath("$.parameterCount").value(67))
        .andExpect(jsonPath("$.latestVersion").value((Object) null))
        .andExpect(jsonPath("$.createdAt").value("2026-11-28T12:00:00Z"));
    ArgumentCaptor<NetworkDefinition> sent = ArgumentCaptor.forClass(NetworkDefinition.class);
    verify(creator).create(sent.capture());
    org.assertj.core.api.Assertions.assertThat(sent.getValue().layers())
        .containsExactly(new LayerDefinition(8, "relu"), new LayerDefinition(3, "softmax"));
  }

  @Test
  void malformedJsonIsA400() throws Exception {
    isProblem(
        mvc.perform(postJson("/api/v1/networks", "{ \"name\": \"iris\", ")),
        400,
        ProblemTypes.MALFORMED_REQUEST);
    verify(creator, never()).create(any());
  }

  @Test
  void wrongTypeNamesTheField() throws Exception {
    invalidField(
        IRIS.replace("\"units\": 8", "\"units\": \"eight\""),
        "layers[0].units",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        IRIS.replace("\"inputs\": 4", "\"inputs\": [4]"), "inputs", ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        IRIS.replace("\"seed\": 42", "\"seed\": 4.5e1000"), "seed", ProblemTypes.MALFORMED_REQUEST);
    // A fraction is no unit count: refused, not rounded down.
    invalidField(
        IRIS.replace("\"units\": 8", "\"units\": 1.5"),
        "layers[0].units",
        ProblemTypes.MALFORMED_REQUEST);
    verify(creator, never()).create(any());
  }

  @Test
  void unknownFieldIsNamed() throws Exception {
    invalidField(
        IRIS.replace("\"seed\": 42", "\"seed\": 42, \"dropout\": 0.5"),
        "dropout",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        IRIS.replace("\"units\": 8,", "\"units\": 8, \"bias\": false,"),
        "layers[0].bias",
        ProblemTypes.MALFORMED_REQUEST);
  }

  @Test
  void missingRequiredFieldsAreNamed() throws Exception {
    invalidField(
        IRIS.replace("\"loss\": \"cross_entropy\",", ""), "loss", ProblemTypes.VALIDATION_FAILED);
    invalidField(
        IRIS.replace("\"units\": 8, ", ""), "layers[0].units", ProblemTypes.VALIDATION_FAILED);
    invalidField(IRIS.replace("\"name\": \"iris\",", ""), "name", ProblemTypes.VALIDATION_FAILED);
    invalidField(
        IRIS.replaceAll("\"layers\": \\[.*\\],", "\"layers\": [],"),
        "layers",
        ProblemTypes.VALIDATION_FAILED);
    invalidField(
        IRIS.replace("\"units\": 8", "\"units\": 0"),
        "layers[0].units",
        ProblemTypes.VALIDATION_FAILED);
    invalidField(
        IRIS.replace("\"name\": \"iris\"", "\"name\": \"Iris_1\""),
        "name",
        ProblemTypes.VALIDATION_FAILED);
    verify(creator, never()).create(any());
  }

  @Test
  void emptyBodyIsA400() throws Exception {
    isProblem(
        mvc.perform(post("/api/v1/networks").contentType(MediaType.APPLICATION_JSON)),
        400,
        ProblemTypes.MALFORMED_REQUEST);
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    isProblem(
        mvc.perform(post("/api/v1/networks").contentType(MediaType.TEXT_PLAIN).content(IRIS)),
        415,
        ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void wrongMethodIs405() throws Exception {
    isProblem(
        mvc.perform(
            put("/api/v1/networks/iris").contentType(MediaType.APPLICATION_JSON).content(IRIS)),
        405,
        ProblemTypes.METHOD_NOT_ALLOWED);
    isProblem(mvc.perform(delete("/api/v1/networks")), 405, ProblemTypes.METHOD_NOT_ALLOWED);
  }

  @Test
  void invalidDefinitionFromTheServiceIsA400NamingTheField() throws Exception {
    given(creator.create(any()))
        .willThrow(
            new InvalidFieldException(
                Subject.NETWORK, "layers[0].activation", "activation 'step' ..."));
    invalidField(IRIS, "layers[0].activation", ProblemTypes.INVALID_NETWORK);
  }

  @Test
  void takenNameIsA409() throws Exception {
    given(creator.create(any()))
        .willThrow(new ConflictException("a network named 'iris' already exists"));
    isProblem(mvc.perform(postJson("/api/v1/networks", IRIS)), 409, ProblemTypes.CONFLICT)
        .andExpect(jsonPath("$.detail").value(containsString("iris")));
  }

  // --- read, list, delete -----------------------------------------------------------------------

  @Test
  void getAnswersTheNetwork() throws Exception {
    given(service.describe("iris")).willReturn(IRIS_RESPONSE);
    mvc.perform(get("/api/v1/networks/iris"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("iris"))
        .andExpect(jsonPath("$.parameterCount").value(67));
  }

  @Test
  void unknownNetworkIsA404() throws Exception {
    given(service.describe("nope")).willThrow(new NotFoundException("network 'nope'"));
    isProblem(mvc.perform(get("/api/v1/networks/nope")), 404, ProblemTypes.NOT_FOUND)
        .andExpect(jsonPath("$.detail").value(containsString("nope")));
  }

  @Test
  void listAnswersAPage() throws Exception {
    given(service.list(new PageRequest(1, 5)))
        .willReturn(new PageResponse<>(List.of(IRIS_RESPONSE), 1, 5, 6));
    mvc.perform(get("/api/v1/networks?page=1&size=5"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].name").value("iris"))
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.size").value(5))
        .andExpect(jsonPath("$.total").value(6));
  }

  @Test
  void listDefaultsToPage0Of20() throws Exception {
    given(service.list(new PageRequest(0, 20))).willReturn(new PageResponse<>(List.of(), 0, 20, 0));
    mvc.perform(get("/api/v1/networks"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty())
        .andExpect(jsonPath("$.size").value(20));
  }

  @Test
  void badPageParametersAre400sNamingThem() throws Exception {
    isProblem(mvc.perform(get("/api/v1/networks?size=501")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("size"));
    isProblem(mvc.perform(get("/api/v1/networks?size=0")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("size"));
    isProblem(mvc.perform(get("/api/v1/networks?page=-1")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("page"));
    isProblem(mvc.perform(get("/api/v1/networks?page=x")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("page"));
    isProblem(
            mvc.perform(get("/api/v1/networks/iris/versions?size=501")),
            400,
            ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("size"));
    verify(service, never()).list(any());
    verify(service, never()).versions(any(), any());
  }

  @Test
  void deleteAnswers204() throws Exception {
    mvc.perform(delete("/api/v1/networks/iris"))
        .andExpect(status().isNoContent())
        .andExpect(content().string(""));
    verify(service).delete("iris");
  }

  @Test
  void deleteOfUnknownNetworkIsA404() throws Exception {
    willThrow(new NotFoundException("network 'nope'")).given(service).delete("nope");
    isProblem(mvc.perform(delete("/api/v1/networks/nope")), 404, ProblemTypes.NOT_FOUND);
  }

  // --- versions, export, import -----------------------------------------------------------------

  @Test
  void versionsAreListed() throws Exception {
    given(service.versions(eq("iris"), any()))
        .willReturn(new PageResponse<>(List.of(V1), 0, 20, 1));
    mvc.perform(get("/api/v1/networks/iris/versions"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].version").value(1))
        .andExpect(jsonPath("$.items[0].createdAt").value("2026-11-28T12:00:00Z"))
        .andExpect(jsonPath("$.items[0].trainingJob").value(JOB.toString()))
        .andExpect(jsonPath("$.items[0].metrics.loss").value(0.1))
        .andExpect(jsonPath("$.items[0].metrics.accuracy").value(0.97))
        .andExpect(jsonPath("$.total").value(1));
  }

  @Test
  void oneVersionByNumberOrLatest() throws Exception {
    given(service.version("iris", "latest")).willReturn(V1);
    mvc.perform(get("/api/v1/networks/iris/versions/latest"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.version").value(1))
        .andExpect(jsonPath("$.trainingJob").value(JOB.toString()));
    given(service.version("iris", "7"))
        .willThrow(new NotFoundException("version 7 of network 'iris'"));
    isProblem(mvc.perform(get("/api/v1/networks/iris/versions/7")), 404, ProblemTypes.NOT_FOUND);
  }

  static ModelDocument document(String name) {
    return new ModelDocument(
        ModelDocument.FORMAT,
        ModelDocument.FORMAT_VERSION,
        name,
        new NetworkDefinition(
            "tiny",
            2,
            null,
            List.of(new LayerDefinition(1, "sigmoid")),
            "binary_cross_entropy",
            null,
            1L,
            null),
        1,
        null,
        List.of(
            new ModelDocument.LayerParameters(
                new float[][] {{0.5f, -0.25f}}, new float[] {0.125f})));
  }

  @Test
  void exportAnswersTheModelDocument() throws Exception {
    given(service.export("tiny", "latest")).willReturn(document(null));
    mvc.perform(get("/api/v1/networks/tiny/versions/latest/export"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.format").value("backprop-model"))
        .andExpect(jsonPath("$.formatVersion").value(1))
        .andExpect(jsonPath("$.network.name").value("tiny"))
        .andExpect(jsonPath("$.network.layers[0].activation").value("sigmoid"))
        .andExpect(jsonPath("$.version").value(1))
        .andExpect(jsonPath("$.standardization").value((Object) null))
        .andExpect(jsonPath("$.layers[0].weights[0][0]").value(0.5))
        .andExpect(jsonPath("$.layers[0].weights[0][1]").value(-0.25))
        .andExpect(jsonPath("$.layers[0].biases[0]").value(0.125));
  }

  static final String TINY_DOCUMENT =
      """
      { "format": "backprop-model", "formatVersion": 1, "name": "tiny-copy",
        "network": { "name": "tiny", "inputs": 2,
                     "layers": [ { "units": 1, "activation": "sigmoid" } ],
                     "loss": "binary_cross_entropy", "seed": 1 },
        "version": 1, "standardization": null,
        "layers": [ { "weights": [[0.5, -0.25]], "biases": [0.125] } ] }
      """;

  @Test
  void importAnswers201WithLocation() throws Exception {
    NetworkResponse copy =
        new NetworkResponse(
            "tiny-copy",
            2,
            null,
            List.of(new LayerDefinition(1, "sigmoid")),
            "binary_cross_entropy",
            "xavier",
            1,
            null,
            3,
            1,
            CREATED);
    given(creator.importModel(any())).willReturn(copy);
    mvc.perform(postJson("/api/v1/networks/import", TINY_DOCUMENT))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/networks/tiny-copy"))
        .andExpect(jsonPath("$.name").value("tiny-copy"))
        .andExpect(jsonPath("$.latestVersion").value(1));
    ArgumentCaptor<ModelDocument> sent = ArgumentCaptor.forClass(ModelDocument.class);
    verify(creator).importModel(sent.capture());
    org.assertj.core.api.Assertions.assertThat(sent.getValue().layers().get(0).weights()[0])
        .containsExactly(0.5f, -0.25f);
  }

  @Test
  void importOfAnInvalidDocumentNamesTheField() throws Exception {
    isProblem(
            mvc.perform(
                postJson(
                    "/api/v1/networks/import",
                    TINY_DOCUMENT.replace("[[0.5, -0.25]]", "[[0.5, \"x\"]]"))),
            400,
            ProblemTypes.MALFORMED_REQUEST)
        .andExpect(jsonPath("$.errors[0].field").value("layers[0].weights[0][1]"));
    isProblem(
            mvc.perform(
                postJson(
                    "/api/v1/networks/import",
                    TINY_DOCUMENT.replace("\"format\": \"backprop-model\",", ""))),
            400,
            ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("format"));
    isProblem(
            mvc.perform(
                postJson(
                    "/api/v1/networks/import",
                    TINY_DOCUMENT.replace("\"units\": 1,", "\"units\": -1,"))),
            400,
            ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("network.layers[0].units"));
    verify(creator, never()).importModel(any());
  }
}
