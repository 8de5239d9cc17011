package dev.backprop.prediction;

import static dev.backprop.web.ProblemResults.isProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.NotFoundException;
import dev.backprop.web.ProblemTypes;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The prediction endpoint over MockMvc, with the service mocked. */
@WebMvcTest(PredictionController.class)
class PredictionControllerTest {

  static final String PATH = "/api/v1/networks/iris/predictions";
  static final PredictionResponse ANSWER =
      new PredictionResponse(
          "iris",
          3,
          new float[][] {{0.97f, 0.02f, 0.01f}, {0f, 0.1f, 0.9f}},
          List.of("setosa", "virginica"));

  @Autowired MockMvc mvc;
  @MockitoBean PredictionService service;

  static MockHttpServletRequestBuilder predict(String body) {
    return post(PATH).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  ResultActions invalidField(String body, String field, URI type) throws Exception {
    return isProblem(mvc.perform(predict(body)), 400, type)
        .andExpect(jsonPath("$.errors[?(@.field=='" + field + "')].message").exists());
  }

  @Test
  void answersOutputsAndLabelsOfTheLatestVersion() throws Exception {
    given(service.predict(eq("iris"), eq("latest"), any())).willReturn(ANSWER);
    mvc.perform(predict("{ \"inputs\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] }"))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.network").value("iris"))
        .andExpect(jsonPath("$.version").value(3))
        .andExpect(jsonPath("$.outputs[0].length()").value(3))
        .andExpect(jsonPath("$.outputs[1][2]").value(0.9f))
        .andExpect(jsonPath("$.labels[0]").value("setosa"))
        .andExpect(jsonPath("$.labels[1]").value("virginica"));
    ArgumentCaptor<PredictionRequest> sent = ArgumentCaptor.forClass(PredictionRequest.class);
    verify(service).predict(eq("iris"), eq("latest"), sent.capture());
    assertThat(sent.getValue().inputs().rows()).isEqualTo(2);
    assertThat(sent.getValue().inputs().values(4, "inputs"))
        .containsExactly(5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f);
  }

  @Test
  void versionParameterIsPassedOn() throws Exception {
    given(service.predict(eq("iris"), eq("2"), any())).willReturn(ANSWER);
    mvc.perform(
            post(PATH + "?version=2")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{ \"instances\": [{ \"sepal_length\": 5.1 }] }"))
        .andExpect(status().isOk());
    ArgumentCaptor<PredictionRequest> sent = ArgumentCaptor.forClass(PredictionRequest.class);
    verify(service).predict(eq("iris"), eq("2"), sent.capture());
    assertThat(sent.getValue().instances().get(0)).containsEntry("sepal_length", 5.1);
  }

  @Test
  void regressionAnswersHaveNoLabels() throws Exception {
    given(service.predict(eq("iris"), eq("latest"), any()))
        .willReturn(new PredictionResponse("iris", 1, new float[][] {{1.5f}}, null));
    mvc.perform(predict("{ \"inputs\": [[1, 2, 3, 4]] }"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outputs[0][0]").value(1.5))
        .andExpect(jsonPath("$.labels").doesNotExist());
  }

  @Test
  void malformedJsonAndNonNumbersAre400s() throws Exception {
    isProblem(mvc.perform(predict("{ \"inputs\": [[1, 2")), 400, ProblemTypes.MALFORMED_REQUEST);
    // JSON has no NaN or Infinity literals; a client that sends them sends invalid JSON.
    isProblem(
        mvc.perform(predict("{ \"inputs\": [[1, NaN, 3, 4]] }")),
        400,
        ProblemTypes.MALFORMED_REQUEST);
    isProblem(
        mvc.perform(predict("{ \"inputs\": [[1, Infinity, 3, 4]] }")),
        400,
        ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        "{ \"inputs\": [[1, \"two\", 3, 4]] }", "inputs[0][1]", ProblemTypes.MALFORMED_REQUEST);
    invalidField("{ \"inputs\": [1, 2, 3, 4] }", "inputs[0]", ProblemTypes.MALFORMED_REQUEST);
    invalidField("{ \"inputs\": \"1,2,3,4\" }", "inputs", ProblemTypes.MALFORMED_REQUEST);
    invalidField(
        "{ \"instances\": [{ \"sepal_length\": \"long\" }] }",
        "instances[0].sepal_length",
        ProblemTypes.MALFORMED_REQUEST);
    verify(service, never()).predict(any(), any(), any());
  }

  @Test
  void nullValuesAreNamed() throws Exception {
    invalidField(
        "{ \"inputs\": [[1, null, 3, 4]] }", "inputs[0][1]", ProblemTypes.VALIDATION_FAILED);
    invalidField(
        "{ \"inputs\": [[1, 2, 3, 4], null] }", "inputs[1]", ProblemTypes.VALIDATION_FAILED);
    verify(service, never()).predict(any(), any(), any());
  }

  @Test
  void unknownFieldIsNamed() throws Exception {
    invalidField(
        "{ \"inputs\": [[1, 2, 3, 4]], \"threshold\": 0.5 }",
        "threshold",
        ProblemTypes.MALFORMED_REQUEST);
  }

  @Test
  void bothOrNeitherInputsAndInstancesIsA400() throws Exception {
    isProblem(
            mvc.perform(predict("{ \"inputs\": [[1]], \"instances\": [{ \"a\": 1 }] }")),
            400,
            ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.detail").value(containsString("'inputs' or 'instances'")))
        .andExpect(jsonPath("$.errors[0].field").value("inputs"));
    isProblem(mvc.perform(predict("{}")), 400, ProblemTypes.VALIDATION_FAILED)
        .andExpect(jsonPath("$.detail").value(containsString("'inputs' or 'instances'")))
        .andExpect(jsonPath("$.errors[0].field").value("inputs"));
    verify(service, never()).predict(any(), any(), any());
  }

  @Test
  void serviceRefusalsKeepTheirStatusAndField() throws Exception {
    given(service.predict(eq("iris"), eq("latest"), any()))
        .willThrow(
            new InvalidFieldException(
                Subject.INPUT, "inputs[0]", "has 3 values but the network takes 4"))
        .willThrow(new NotFoundException("network 'iris' has no trained version yet"));
    invalidField("{ \"inputs\": [[1, 2, 3]] }", "inputs[0]", ProblemTypes.INVALID_INPUT);
    isProblem(mvc.perform(predict("{ \"inputs\": [[1, 2, 3, 4]] }")), 404, ProblemTypes.NOT_FOUND);
  }

  @Test
  void wrongContentTypeIs415AndWrongMethodIs405() throws Exception {
    isProblem(
        mvc.perform(post(PATH).contentType(MediaType.TEXT_PLAIN).content("1,2,3,4")),
        415,
        ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
    isProblem(mvc.perform(get(PATH)), 405, ProblemTypes.METHOD_NOT_ALLOWED);
  }
}
