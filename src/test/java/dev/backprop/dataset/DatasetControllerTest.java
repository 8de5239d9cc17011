package dev.backprop.dataset;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import dev.backprop.web.ProblemTypes;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockPart;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(DatasetController.class)
@TestPropertySource(properties = "backprop.limits.max-dataset-size=1KB")
@Import(DatasetControllerTest.Limits.class)
class DatasetControllerTest {

  /** The slice does not scan configuration properties; the controller needs the limits. */
  @TestConfiguration
  @EnableConfigurationProperties(LimitsProperties.class)
  static class Limits {}

  static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
  static final DatasetInfo IRIS =
      new DatasetInfo(
          "iris",
          150,
          List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
          "species",
          TargetKind.CATEGORICAL,
          List.of("setosa", "versicolor", "virginica"),
          1,
          Instant.parse("2026-11-28T12:00:00Z"),
          3000);

  @Autowired MockMvc mvc;
  @MockitoBean DatasetService service;

  static void isProblem(ResultActions result, int status, String type) throws Exception {
    result
        .andExpect(status().is(status))
        .andExpect(content().contentType(PROBLEM))
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.type").value(type));
  }

  @Test
  void csvUploadIsCreatedWithLocation() throws Exception {
    given(service.createFromCsv(eq("iris"), eq("species"), any(InputStream.class)))
        .willReturn(IRIS);
    mvc.perform(
            post("/api/v1/datasets")
                .param("name", "iris")
                .param("target", "species")
                .contentType("text/csv")
                .content("a,species\n1,x\n"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/datasets/iris"))
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.name").value("iris"))
        .andExpect(jsonPath("$.rows").value(150))
        .andExpect(jsonPath("$.features[0]").value("sepal_length"))
        .andExpect(jsonPath("$.target").value("species"))
        .andExpect(jsonPath("$.targetKind").value("categorical"))
        .andExpect(jsonPath("$.classes[2]").value("virginica"))
        .andExpect(jsonPath("$.targetWidth").value(1))
        .andExpect(jsonPath("$.sizeBytes").value(3000))
        .andExpect(jsonPath("$.createdAt").value("2026-11-28T12:00:00Z"));
  }

  @Test
  void csvTargetIsOptional() throws Exception {
    given(service.createFromCsv(eq("iris"), isNull(), any(InputStream.class))).willReturn(IRIS);
    mvc.perform(
            post("/api/v1/datasets?name=iris").contentType("text/csv").content("a,species\n1,x\n"))
        .andExpect(status().isCreated());
  }

  @Test
  void invalidNameIsRefusedBeforeReadingTheBody() throws Exception {
    for (String name : new String[] {"Iris", "1iris", "ir_is", "", "a".repeat(64)}) {
      isProblem(
          mvc.perform(
              post("/api/v1/datasets")
                  .param("name", name)
                  .contentType("text/csv")
                  .content("a,y\n1,2\n")),
          400,
          ProblemTypes.VALIDATION_FAILED.toString());
    }
    mvc.perform(post("/api/v1/datasets?name=Iris").contentType("text/csv").content("a,y\n1,2\n"))
        .andExpect(jsonPath("$.errors[0].field").value("name"));
    verify(service, never()).createFromCsv(any(), any(), any());
  }

  @Test
  void missingNameIsABadRequest() throws Exception {
    isProblem(
        mvc.perform(post("/api/v1/datasets").contentType("text/csv").content("a,y\n1,2\n")),
        400,
        ProblemTypes.VALIDATION_FAILED.toString());
    mvc.perform(post("/api/v1/datasets").contentType("text/csv").content("a,y\n1,2\n"))
        .andExpect(jsonPath("$.errors[0].field").value("name"));
  }

  @Test
  void parseErrorsArriveAsProblemsNamingTheCell() throws Exception {
    given(service.createFromCsv(eq("iris"), isNull(), any(InputStream.class)))
        .willThrow(DatasetParser.invalid("row 2, column 'b'", "'abc' is not a number"));
    isProblem(
        mvc.perform(post("/api/v1/datasets?name=iris").contentType("text/csv").content("x")),
        400,
        ProblemTypes.INVALID_DATASET.toString());
    mvc.perform(post("/api/v1/datasets?name=iris").contentType("text/csv").content("x"))
        .andExpect(jsonPath("$.detail").value(containsString("row 2, column 'b'")))
        .andExpect(jsonPath("$.errors[0].field").value("row 2, column 'b'"))
        .andExpect(jsonPath("$.errors[0].message").value("'abc' is not a number"));
  }

  @Test
  void takenNameIsAConflict() throws Exception {
    given(service.createFromCsv(eq("iris"), isNull(), any(InputStream.class)))
        .willThrow(new ConflictException("A data set named 'iris' already exists."));
    isProblem(
        mvc.perform(post("/api/v1/datasets?name=iris").contentType("text/csv").content("a,y\n")),
        409,
        ProblemTypes.CONFLICT.toString());
  }

  @Test
  void declaredBodyOverTheLimitIs413WithoutReadingIt() throws Exception {
    isProblem(
        mvc.perform(
            post("/api/v1/datasets?name=iris")
                .contentType("text/csv")
                .content("a,y\n" + "1,2\n".repeat(300))),
        413,
        ProblemTypes.PAYLOAD_TOO_LARGE.toString());
    mvc.perform(
            post("/api/v1/datasets?name=iris")
                .contentType("text/csv")
                .content("a,y\n" + "1,2\n".repeat(300)))
        .andExpect(jsonPath("$.detail").value(containsString("backprop.limits.max-dataset-size")));
    verify(service, never()).createFromCsv(any(), any(), any());
  }

  @Test
  void multipartUploadReadsFileNameAndTarget() throws Exception {
    given(service.createFromCsv(eq("iris"), eq("species"), any(InputStream.class)))
        .willReturn(IRIS);
    mvc.perform(
            multipart("/api/v1/datasets")
                .file(
                    new MockMultipartFile("file", "iris.csv", "text/csv", "a,y\n1,x\n".getBytes()))
                .part(new MockPart("name", "iris".getBytes()))
                .part(new MockPart("target", "species".getBytes())))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/datasets/iris"))
        .andExpect(jsonPath("$.name").value("iris"));
  }

  @Test
  void multipartWithoutFileOrWithBadNameIsABadRequest() throws Exception {
    isProblem(
        mvc.perform(multipart("/api/v1/datasets").part(new MockPart("name", "iris".getBytes()))),
        400,
        ProblemTypes.MALFORMED_REQUEST.toString());
    isProblem(
        mvc.perform(
            multipart("/api/v1/datasets")
                .file(new MockMultipartFile("file", "x.csv", "text/csv", "a,y\n1,2\n".getBytes()))
                .part(new MockPart("name", "Bad Name".getBytes()))),
        400,
        ProblemTypes.VALIDATION_FAILED.toString());
  }

  @Test
  void multipartFileOverTheLimitIs413() throws Exception {
    isProblem(
        mvc.perform(
            multipart("/api/v1/datasets")
                .file(new MockMultipartFile("file", "x.csv", "text/csv", new byte[2048]))
                .part(new MockPart("name", "iris".getBytes()))),
        413,
        ProblemTypes.PAYLOAD_TOO_LARGE.toString());
  }

  @Test
  void jsonUploadIsCreated() throws Exception {
    given(service.createFromJson(any())).willReturn(IRIS);
    mvc.perform(
            post("/api/v1/datasets")
                .contentType(MediaType.APPLICATION_JSON)
                .content(DatasetApiDocs.XOR_JSON))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/datasets/iris"));
    ArgumentCaptor<DatasetUpload> upload = ArgumentCaptor.forClass(DatasetUpload.class);
    verify(service).createFromJson(upload.capture());
    org.assertj.core.api.Assertions.assertThat(upload.getValue().name()).isEqualTo("xor");
    org.assertj.core.api.Assertions.assertThat(upload.getValue().features().rows()).isEqualTo(4);
    org.assertj.core.api.Assertions.assertThat(upload.getValue().features().width()).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(upload.getValue().targets().size()).isEqualTo(4);
    org.assertj.core.api.Assertions.assertThat(upload.getValue().featureNames())
        .containsExactly("a", "b");
  }

  @Test
  void jsonUploadIsValidatedOnTheWayIn() throws Exception {
    isProblem(
        mvc.perform(
            post("/api/v1/datasets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Bad\",\"features\":[[1]],\"targets\":[1]}")),
        400,
        ProblemTypes.VALIDATION_FAILED.toString());
    mvc.perform(
            post("/api/v1/datasets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"features\":[[1]]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[?(@.field=='name')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field=='targets')]").exists());
    isProblem(
        mvc.perform(
            post("/api/v1/datasets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"features\":[[1, \"a\"]],\"targets\":[1]}")),
        400,
        ProblemTypes.MALFORMED_REQUEST.toString());
    mvc.perform(
            post("/api/v1/datasets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"features\":[[1, \"a\"]],\"targets\":[1]}"))
        .andExpect(jsonPath("$.errors[0].field").value("features[0][1]"));
    mvc.perform(
            post("/api/v1/datasets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"features\":[[1]],\"targets\":[1],\"colour\":1}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("colour"));
    isProblem(
        mvc.perform(
            post("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content("{\"name\":")),
        400,
        ProblemTypes.MALFORMED_REQUEST.toString());
    isProblem(
        mvc.perform(post("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content("")),
        400,
        ProblemTypes.MALFORMED_REQUEST.toString());
    verify(service, never()).createFromJson(any());
  }

  @Test
  void jsonUploadOverTheLimitIs413() throws Exception {
    String big = "{\"name\":\"x\",\"features\":[" + "[1],".repeat(400) + "[1]],\"targets\":[1]}";
    isProblem(
        mvc.perform(post("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content(big)),
        413,
        ProblemTypes.PAYLOAD_TOO_LARGE.toString());
  }

  @Test
  void otherContentTypesAre415() throws Exception {
    isProblem(
        mvc.perform(post("/api/v1/datasets?name=x").contentType(MediaType.TEXT_PLAIN).content("x")),
        415,
        ProblemTypes.UNSUPPORTED_MEDIA_TYPE.toString());
  }

  @Test
  void getListAndDelete() throws Exception {
    given(service.get("iris")).willReturn(IRIS);
    mvc.perform(get("/api/v1/datasets/iris").accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("iris"));

    given(service.list(new PageRequest(1, 5)))
        .willReturn(new PageResponse<>(List.of(IRIS), 1, 5, 6));
    mvc.perform(get("/api/v1/datasets?page=1&size=5"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].name").value("iris"))
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.size").value(5))
        .andExpect(jsonPath("$.total").value(6));

    mvc.perform(delete("/api/v1/datasets/iris")).andExpect(status().isNoContent());
    verify(service).delete("iris", false);
    mvc.perform(delete("/api/v1/datasets/iris?force=true")).andExpect(status().isNoContent());
    verify(service).delete("iris", true);
  }

  @Test
  void listDefaultsAndBadPages() throws Exception {
    given(service.list(new PageRequest(0, 20))).willReturn(new PageResponse<>(List.of(), 0, 20, 0));
    mvc.perform(get("/api/v1/datasets"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty())
        .andExpect(jsonPath("$.size").value(20));
    mvc.perform(get("/api/v1/datasets?size=501"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(PROBLEM))
        .andExpect(jsonPath("$.errors[0].field").value("size"));
    mvc.perform(get("/api/v1/datasets?page=-1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("page"));
    mvc.perform(get("/api/v1/datasets?size=ten"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("size"));
  }

  @Test
  void unknownNamesAre404EvenWhenJsonIsAccepted() throws Exception {
    given(service.get("nope")).willThrow(new NotFoundException("data set 'nope'"));
    isProblem(
        mvc.perform(get("/api/v1/datasets/nope").accept(MediaType.APPLICATION_JSON)),
        404,
        ProblemTypes.NOT_FOUND.toString());
    willThrow(new NotFoundException("data set 'nope'")).given(service).delete("nope", false);
    isProblem(mvc.perform(delete("/api/v1/datasets/nope")), 404, ProblemTypes.NOT_FOUND.toString());
  }

  @Test
  void aDataSetThatJobsNeedIsA409NamingThem() throws Exception {
    willThrow(
            new ConflictException(
                "The data set 'iris' is needed by training job 42 (QUEUED); cancel them first, or"
                    + " delete with force=true, which cancels them."))
        .given(service)
        .delete("iris", false);
    ResultActions refused = mvc.perform(delete("/api/v1/datasets/iris"));
    isProblem(refused, 409, ProblemTypes.CONFLICT.toString());
    refused.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("job 42")));
  }
}
