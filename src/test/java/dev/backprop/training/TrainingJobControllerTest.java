package dev.backprop.training;

import static dev.backprop.web.ProblemResults.isProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import dev.backprop.web.ProblemTypes;
import java.net.URI;
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

/** The training job endpoints over MockMvc, with the service mocked. */
@WebMvcTest(TrainingJobController.class)
class TrainingJobControllerTest {

  static final UUID ID = UUID.fromString("0b7c2a4e-3f7a-4a37-9a53-5b2f0d3c9e11");
  static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");
  static final String JOB =
      """
      { "dataset": "iris", "epochs": 200, "batchSize": 16, "learningRate": 0.05,
        "optimizer": "sgd", "momentum": 0.9, "l2": 0.0, "validationSplit": 0.2,
        "shuffle": true, "seed": 7, "standardize": true,
        "earlyStopping": { "patience": 10, "minDelta": 0.0 }, "fromVersion": null }
      """;
  static final JobSettings SETTINGS =
      new JobSettings(
          "iris", null, 200, 16, 0.05, "sgd", 0.9, 0, 0.2, true, 7, true, 10, 0.0, null, null);

  static TrainingJobResponse job(JobStatus status, int epoch, Integer resultVersion) {
    EpochRecord last = epoch == 0 ? null : new EpochRecord(epoch, 0.21, 0.25, 0.95, 0.93);
    return new TrainingJobResponse(
        ID,
        "iris",
        status,
        epoch,
        200,
        epoch / 200.0,
        last,
        last == null ? List.of() : List.of(new EpochRecord(1, 1.08, 1.05, 0.4, 0.4), last),
        1,
        resultVersion,
        null,
        7,
        SETTINGS,
        epoch == 0 ? 0 : 1,
        CREATED,
        epoch == 0 ? null : CREATED.plusSeconds(1),
        null,
        null);
  }

  @Autowired MockMvc mvc;
  @MockitoBean TrainingService service;
  @MockitoBean TrainingEventStreams streams;

  static MockHttpServletRequestBuilder submit(String body) {
    return post("/api/v1/networks/iris/training-jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  ResultActions invalidField(String body, String field, URI type) throws Exception {
    return isProblem(mvc.perform(submit(body)), 400, type)
        .andExpect(jsonPath("$.errors[?(@.field=='" + field + "')].message").exists());
  }

  @Test
  void submitAnswers202WithLocationAndTheQueuedJob() throws Exception {
    given(service.submit(eq("iris"), any())).willReturn(job(JobStatus.QUEUED, 0, null));
    mvc.perform(submit(JOB))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/v1/training-jobs/" + ID))
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value(ID.toString()))
        .andExpect(jsonPath("$.network").value("iris"))
        .andExpect(jsonPath("$.status").value("QUEUED"))
        .andExpect(jsonPath("$.epoch").value(0))
        .andExpect(jsonPath("$.epochs").value(200))
        .andExpect(jsonPath("$.progress").value(0.0))
        .andExpect(jsonPath("$.resultVersion").value((Object) null))
        .andExpect(jsonPath("$.error").value((Object) null))
        .andExpect(jsonPath("$.createdAt").value("2026-11-28T12:00:00Z"))
        .andExpect(jsonPath("$.finishedAt").value((Object) null));
    ArgumentCaptor<TrainingJobRequest> sent = ArgumentCaptor.forClass(TrainingJobRequest.class);
    verify(service).submit(eq("iris"), sent.capture());
    TrainingJobRequest request = sent.getValue();
    assertThat(request.dataset()).isEqualTo("iris");
    assertThat(request.learningRate()).isEqualTo(0.05);
    assertThat(request.earlyStopping().patience()).isEqualTo(10);
    assertThat(request.fromVersion()).isNull();
  }

  @Test
  void inlineDataIsAccepted() throws Exception {
    given(service.submit(eq("iris"), any())).willReturn(job(JobStatus.QUEUED, 0, null));
    mvc.perform(
            submit(
                "{ \"data\": { \"features\": [[0, 1], [1, 0]], \"targets\": [1, \"b\", [0, 1]] },"
                    + " \"epochs\": 1 }"))
        .andExpect(status().isAccepted());
  }

  @Test
  void malformedJsonIsA400() throws Exception {
    isProblem(mvc.perform(submit("{ \"epochs\": ")), 400, ProblemTypes.MALFORMED_REQUEST);
    verify(service, never()).submit(any(), any());
  }

  @Test
  void wrongTypesNameTheField() throws Exception {
    invalidField(
        JOB.replace("\"learningRate\": 0.05", "\"learningRate\": \"fast\""),
        "learningRate",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        JOB.replace("\"epochs\": 200", "\"epochs\": \"many\""),
        "epochs",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        JOB.replace("\"shuffle\": true", "\"shuffle\": \"yes\""),
        "shuffle",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        JOB.replace("\"patience\": 10", "\"patience\": [10]"),
        "earlyStopping.patience",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        "{ \"data\": { \"features\": [[0, \"x\"]], \"targets\": [1] } }",
        "data.features[0][1]",
        ProblemTypes.MALFORMED_REQUEST);
    verify(service, never()).submit(any(), any());
  }

  @Test
  void unknownFieldsAreNamed() throws Exception {
    invalidField(
        JOB.replace("\"seed\": 7", "\"seed\": 7, \"dropout\": 0.5"),
        "dropout",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        JOB.replace("\"minDelta\": 0.0", "\"minDelta\": 0.0, \"mode\": \"min\""),
        "earlyStopping.mode",
        ProblemTypes.MALFORMED_REQUEST);
  }

  @Test
  void outOfRangeValuesAreNamed() throws Exception {
    invalidField(
        JOB.replace("\"learningRate\": 0.05", "\"learningRate\": -0.05"),
        "learningRate",
        ProblemTypes.VALIDATION_FAILED);
    invalidField(
        JOB.replace("\"epochs\": 200", "\"epochs\": 0"), "epochs", ProblemTypes.VALIDATION_FAILED);
    invalidField(
        JOB.replace("\"batchSize\": 16", "\"batchSize\": -1"),
        "batchSize",
        ProblemTypes.VALIDATION_FAILED);
    invalidField(
        JOB.replace("\"validationSplit\": 0.2", "\"validationSplit\": 1.0"),
        "validationSplit",
        ProblemTypes.VALIDATION_FAILED);
    invalidField(
        JOB.replace("\"momentum\": 0.9", "\"momentum\": 1.5"),
        "momentum",
        ProblemTypes.VALIDATION_FAILED);
    invalidField(
        JOB.replace("\"patience\": 10, ", ""),
        "earlyStopping.patience",
        ProblemTypes.VALIDATION_FAILED);
    invalidField(
        "{ \"data\": { \"features\": [], \"targets\": [1] } }",
        "data.features",
        ProblemTypes.VALIDATION_FAILED);
    verify(service, never()).submit(any(), any());
  }

  @Test
  void bothOrNeitherSourceIsA400() throws Exception {
    String both =
        JOB.replace(
            "\"dataset\": \"iris\",",
            "\"dataset\": \"iris\", \"data\": { \"features\": [[1]], \"targets\": [1] },");
    isProblem(mvc.perform(submit(both)), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.detail").value(containsString("'dataset' or 'data'")))
        .andExpect(jsonPath("$.errors[0].field").value("dataset"));
    isProblem(
            mvc.perform(submit(JOB.replace("\"dataset\": \"iris\",", ""))),
            400,
            ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.detail").value(containsString("'dataset' or 'data'")))
        .andExpect(jsonPath("$.errors[0].field").value("dataset"));
    verify(service, never()).submit(any(), any());
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    isProblem(
        mvc.perform(
            post("/api/v1/networks/iris/training-jobs")
                .contentType(MediaType.APPLICATION_XML)
                .content("<job/>")),
        415,
        ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void wrongMethodIs405() throws Exception {
    isProblem(
        mvc.perform(delete("/api/v1/training-jobs/" + ID)), 405, ProblemTypes.METHOD_NOT_ALLOWED);
    isProblem(
        mvc.perform(get("/api/v1/training-jobs/" + ID + "/cancel")),
        405,
        ProblemTypes.METHOD_NOT_ALLOWED);
  }

  @Test
  void serviceErrorsKeepTheirStatus() throws Exception {
    given(service.submit(eq("iris"), any()))
        .willThrow(new NotFoundException("data set 'iris'"))
        .willThrow(
            new InvalidFieldException(
                InvalidFieldException.Subject.REQUEST, "optimizer", "unknown"))
        .willThrow(
            new InvalidFieldException(
                InvalidFieldException.Subject.DATASET, "data.targets", "row 2: 7 is no class"))
        .willThrow(
            new LimitExceededException(
                LimitExceededException.Limit.VALUE, "epochs", "backprop.limits.max-epochs"))
        .willThrow(
            new LimitExceededException(
                LimitExceededException.Limit.QUEUE, null, "backprop.limits.max-queued-jobs"));
    isProblem(mvc.perform(submit(JOB)), 404, ProblemTypes.NOT_FOUND);
    invalidField(JOB, "optimizer", ProblemTypes.VALIDATION_FAILED);
    invalidField(JOB, "data.targets", ProblemTypes.INVALID_DATASET)
        .andExpect(jsonPath("$.detail").value("data.targets: row 2: 7 is no class"));
    invalidField(JOB, "epochs", ProblemTypes.LIMIT_EXCEEDED)
        .andExpect(jsonPath("$.detail").value("backprop.limits.max-epochs"));
    isProblem(mvc.perform(submit(JOB)), 429, ProblemTypes.LIMIT_EXCEEDED)
        .andExpect(jsonPath("$.errors").doesNotExist());
  }

  @Test
  void getAnswersTheJobWithHistory() throws Exception {
    given(service.get(ID)).willReturn(job(JobStatus.RUNNING, 37, null));
    mvc.perform(get("/api/v1/training-jobs/" + ID))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(ID.toString()))
        .andExpect(jsonPath("$.status").value("RUNNING"))
        .andExpect(jsonPath("$.epoch").value(37))
        .andExpect(jsonPath("$.progress").value(0.185))
        .andExpect(jsonPath("$.metrics.loss").value(0.21))
        .andExpect(jsonPath("$.metrics.validationLoss").value(0.25))
        .andExpect(jsonPath("$.metrics.accuracy").value(0.95))
        .andExpect(jsonPath("$.metrics.validationAccuracy").value(0.93))
        .andExpect(jsonPath("$.history[0].epoch").value(1))
        .andExpect(jsonPath("$.history[0].loss").value(1.08))
        .andExpect(jsonPath("$.startedAt").value("2026-11-28T12:00:01Z"));
  }

  @Test
  void unknownOrMalformedIdIsA404() throws Exception {
    UUID unknown = UUID.randomUUID();
    given(service.get(unknown)).willThrow(new NotFoundException("training job " + unknown));
    given(service.cancel(unknown)).willThrow(new NotFoundException("training job " + unknown));
    given(service.find(unknown)).willThrow(new NotFoundException("training job " + unknown));
    isProblem(mvc.perform(get("/api/v1/training-jobs/" + unknown)), 404, ProblemTypes.NOT_FOUND);
    isProblem(
        mvc.perform(post("/api/v1/training-jobs/" + unknown + "/cancel")),
        404,
        ProblemTypes.NOT_FOUND);
    isProblem(
        mvc.perform(get("/api/v1/training-jobs/" + unknown + "/events")),
        404,
        ProblemTypes.NOT_FOUND);
    for (String bad : new String[] {"not-a-uuid", "123", "0b7c2a4e-3f7a-4a37-9a53"}) {
      isProblem(mvc.perform(get("/api/v1/training-jobs/" + bad)), 404, ProblemTypes.NOT_FOUND);
      isProblem(
          mvc.perform(post("/api/v1/training-jobs/" + bad + "/cancel")),
          404,
          ProblemTypes.NOT_FOUND);
    }
    verify(service, never()).get(ID);
  }

  @Test
  void cancelAnswers202AndA409OnceFinished() throws Exception {
    given(service.cancel(ID))
        .willReturn(job(JobStatus.CANCELLED, 3, null))
        .willThrow(
            new ConflictException("training job " + ID + " has already finished (SUCCEEDED)"));
    mvc.perform(post("/api/v1/training-jobs/" + ID + "/cancel"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/v1/training-jobs/" + ID))
        .andExpect(jsonPath("$.status").value("CANCELLED"));
    isProblem(
            mvc.perform(post("/api/v1/training-jobs/" + ID + "/cancel")),
            409,
            ProblemTypes.CONFLICT)
        .andExpect(jsonPath("$.detail").value(containsString("SUCCEEDED")));
  }

  @Test
  void listFiltersByNetworkAndStatus() throws Exception {
    given(service.list("iris", JobStatus.SUCCEEDED, new PageRequest(0, 10)))
        .willReturn(new PageResponse<>(List.of(job(JobStatus.SUCCEEDED, 200, 1)), 0, 10, 1));
    mvc.perform(get("/api/v1/training-jobs?network=iris&status=SUCCEEDED&size=10"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].status").value("SUCCEEDED"))
        .andExpect(jsonPath("$.items[0].resultVersion").value(1))
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(10))
        .andExpect(jsonPath("$.total").value(1));
  }

  @Test
  void badListParametersAre400sNamingThem() throws Exception {
    isProblem(
            mvc.perform(get("/api/v1/training-jobs?status=DONE")),
            400,
            ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("status"));
    isProblem(
            mvc.perform(get("/api/v1/training-jobs?size=501")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("size"));
    isProblem(
            mvc.perform(get("/api/v1/training-jobs?page=-1")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("page"));
    verify(service, never()).list(any(), any(), any());
  }

  @Test
  void historyPagesDefaultTo1000AndRefuseMoreThan5000() throws Exception {
    given(service.history(ID, new HistoryPageRequest(0, 1000)))
        .willReturn(
            new PageResponse<>(List.of(new EpochRecord(1, 1.08, 1.05, 0.4, 0.4)), 0, 1000, 1));
    mvc.perform(get("/api/v1/training-jobs/" + ID + "/history"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].epoch").value(1))
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(1000))
        .andExpect(jsonPath("$.total").value(1));
    String history = "/api/v1/training-jobs/" + ID + "/history";
    isProblem(mvc.perform(get(history + "?size=5001")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("size"));
    isProblem(mvc.perform(get(history + "?page=-1")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.errors[0].field").value("page"));
    isProblem(
        mvc.perform(get("/api/v1/training-jobs/not-a-uuid/history")), 404, ProblemTypes.NOT_FOUND);
    verify(service, never()).history(any(), eq(new HistoryPageRequest(0, 5001)));
  }
}
