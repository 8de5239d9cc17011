package dev.backprop.search;

import static dev.backprop.web.ProblemResults.isProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.training.JobStatus;
import dev.backprop.web.PageResponse;
import dev.backprop.web.ProblemTypes;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The search endpoints over MockMvc, with the service mocked: answers and problem details. */
@WebMvcTest(SearchController.class)
class SearchControllerTest {

  static final UUID ID = UUID.fromString("5e1c2a4e-3f7a-4a37-9a53-5b2f0d3c9e11");
  static final SearchResponse QUEUED =
      new SearchResponse(
          ID,
          "iris",
          JobStatus.QUEUED,
          "grid",
          "validationLoss",
          11,
          12,
          "PT10M",
          Map.of(),
          List.of(),
          List.of(),
          null,
          null,
          Instant.parse("2026-11-30T12:00:00Z"),
          null);

  @Autowired MockMvc mvc;
  @MockitoBean SearchService service;
  @MockitoBean SearchEvents events;

  static MockHttpServletRequestBuilder start(String body) {
    return post("/api/v1/networks/iris/searches")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  ResultActions invalidField(ResultActions result, String field, URI type) throws Exception {
    return isProblem(result, 400, type)
        .andExpect(jsonPath("$.errors[?(@.field=='" + field + "')].message").exists());
  }

  @Test
  void startAnswers202WithTheSearchesLocation() throws Exception {
    given(service.start(eq("iris"), any())).willReturn(QUEUED);
    mvc.perform(start(SearchController.IRIS_SEARCH))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/v1/searches/" + ID))
        .andExpect(jsonPath("$.status").value("QUEUED"))
        .andExpect(jsonPath("$.metric").value("validationLoss"))
        .andExpect(jsonPath("$.leaderboard").isArray())
        .andExpect(jsonPath("$.best").value((Object) null));
  }

  @Test
  void boundValuesAreCheckedAndNamed() throws Exception {
    invalidField(
        mvc.perform(start("{ \"maxCandidates\": 0, \"space\": { \"l2\": [0] } }")),
        "maxCandidates",
        ProblemTypes.VALIDATION_FAILED);
    invalidField(
        mvc.perform(start("{ \"maxDuration\": \"ten minutes\" }")),
        "maxDuration",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        mvc.perform(start("{ \"space\": { \"learningRate\": 0.1 } }")),
        "space.learningRate",
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(mvc.perform(start("{ \"budget\": 3 }")), "budget", ProblemTypes.MALFORMED_REQUEST);
    verify(service, never()).start(any(), any());
  }

  @Test
  void theServicesRefusalsAreProblemDetails() throws Exception {
    given(service.start(eq("iris"), any()))
        .willThrow(SearchPlanner.invalid("space.dropout", "unknown hyperparameter"));
    invalidField(mvc.perform(start("{}")), "space.dropout", ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.detail").value("space.dropout: unknown hyperparameter"));

    given(service.start(eq("iris"), any()))
        .willThrow(
            new LimitExceededException(
                LimitExceededException.Limit.QUEUE, null, "at most 1000 training jobs may wait"));
    isProblem(mvc.perform(start("{}")), 429, ProblemTypes.LIMIT_EXCEEDED);

    given(service.start(eq("iris"), any()))
        .willThrow(
            new InvalidFieldException(
                InvalidFieldException.Subject.REQUEST, "metric", "needs a validation part"));
    invalidField(mvc.perform(start("{}")), "metric", ProblemTypes.VALIDATION_FAILED);
  }

  @Test
  void unknownAndMalformedIdsAre404() throws Exception {
    given(service.get(ID)).willThrow(new NotFoundException("search " + ID));
    isProblem(mvc.perform(get("/api/v1/searches/" + ID)), 404, ProblemTypes.NOT_FOUND);
    isProblem(mvc.perform(get("/api/v1/searches/nope")), 404, ProblemTypes.NOT_FOUND);
    isProblem(mvc.perform(get("/api/v1/searches/nope/events")), 404, ProblemTypes.NOT_FOUND);
  }

  @Test
  void cancellingAFinishedSearchIsA409() throws Exception {
    given(service.cancel(ID)).willThrow(new ConflictException("search has already finished"));
    isProblem(mvc.perform(post("/api/v1/searches/" + ID + "/cancel")), 409, ProblemTypes.CONFLICT);
    willReturn(QUEUED).given(service).cancel(ID);
    mvc.perform(post("/api/v1/searches/" + ID + "/cancel"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/v1/searches/" + ID));
  }

  @Test
  void listsAPage() throws Exception {
    given(service.list(eq("iris"), any()))
        .willReturn(new PageResponse<>(List.of(QUEUED), 0, 20, 1));
    mvc.perform(get("/api/v1/searches?network=iris"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].id").value(ID.toString()))
        .andExpect(jsonPath("$.total").value(1));
    isProblem(
        mvc.perform(get("/api/v1/searches?size=100000")), 400, ProblemTypes.VALIDATION_FAILED);
  }
}
