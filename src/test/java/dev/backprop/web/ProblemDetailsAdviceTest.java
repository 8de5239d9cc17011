package dev.backprop.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(controllers = ProblemDetailsAdviceTest.SampleController.class)
@Import(ProblemDetailsAdviceTest.SampleController.class)
class ProblemDetailsAdviceTest {

  @Autowired MockMvc mvc;

  record Sample(@NotBlank String name, @Positive int units, List<Integer> sizes) {}

  @RestController
  @Validated
  static class SampleController {
    @PostMapping(path = "/samples", consumes = MediaType.APPLICATION_JSON_VALUE)
    Sample create(@Valid @RequestBody Sample sample) {
      return sample;
    }

    @GetMapping("/samples")
    String list(@RequestParam(defaultValue = "20") @Max(500) int size) {
      return "ok";
    }

    @GetMapping("/samples/missing")
    String missing() {
      throw ApiException.notFound("sample 'x'");
    }

    @GetMapping("/samples/broken")
    String broken() {
      throw new IllegalStateException("secret internals");
    }

    @GetMapping("/samples/big")
    String big() {
      throw ApiException.limitExceeded(HttpStatus.CONTENT_TOO_LARGE, null, "over 1 MiB");
    }
  }

  @Test
  void beanValidationNamesEveryField() throws Exception {
    mvc.perform(
            post("/samples")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"\",\"units\":0}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(ProblemTypes.VALIDATION_FAILED.toString()))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.errors[?(@.field=='units')].message").exists())
        .andExpect(jsonPath("$.errors[?(@.field=='name')].message").exists());
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    mvc.perform(post("/samples").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(ProblemTypes.MALFORMED_REQUEST.toString()))
        .andExpect(jsonPath("$.detail").exists());
  }

  @Test
  void wrongTypeNamesTheField() throws Exception {
    mvc.perform(
            post("/samples")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"a\",\"units\":1,\"sizes\":[1,\"x\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("sizes[1]"))
        .andExpect(jsonPath("$.errors[0].message").value("'x' is not a valid integer"));
  }

  @Test
  void unknownFieldIsNamed() throws Exception {
    mvc.perform(
            post("/samples")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"a\",\"units\":1,\"colour\":2}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("colour"));
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    mvc.perform(post("/samples").contentType(MediaType.TEXT_PLAIN).content("x"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(ProblemTypes.UNSUPPORTED_MEDIA_TYPE.toString()));
  }

  @Test
  void wrongMethodIs405() throws Exception {
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/samples"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(ProblemTypes.METHOD_NOT_ALLOWED.toString()));
  }

  @Test
  void invalidRequestParameterIsNamed() throws Exception {
    mvc.perform(get("/samples").param("size", "501"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("size"));
    mvc.perform(get("/samples").param("size", "ten"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("size"));
  }

  @Test
  void domainExceptionsKeepTheirStatusAndType() throws Exception {
    mvc.perform(get("/samples/missing"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value(ProblemTypes.NOT_FOUND.toString()))
        .andExpect(jsonPath("$.detail").value("sample 'x' does not exist"));
    mvc.perform(get("/samples/big"))
        .andExpect(status().is(413))
        .andExpect(jsonPath("$.type").value(ProblemTypes.PAYLOAD_TOO_LARGE.toString()));
  }

  @Test
  void unexpectedFailuresHideTheirInternals() throws Exception {
    mvc.perform(get("/samples/broken"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(ProblemTypes.INTERNAL_ERROR.toString()))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
  }
}
