package dev.backprop.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.domain.NotFoundException;
import dev.backprop.domain.NotReadyException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
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
      throw new NotFoundException("sample 'x'");
    }

    @GetMapping("/samples/broken")
    String broken() {
      throw new IllegalStateException("secret internals");
    }

    @GetMapping("/samples/big")
    String big() {
      throw new LimitExceededException(Limit.SIZE, null, "over 1 MiB");
    }

    @GetMapping("/samples/taken")
    String taken() {
      throw new ConflictException("a sample named 'x' already exists");
    }

    @GetMapping("/samples/invalid")
    String invalid() {
      throw new InvalidFieldException(Subject.NETWORK, "layers[0].activation", "unknown 'relu6'");
    }

    @GetMapping("/samples/queued")
    String queued() {
      throw new LimitExceededException(Limit.QUEUE, null, "at most 3 samples may wait");
    }

    @GetMapping("/samples/busy")
    String busy() {
      throw new NotReadyException("the sample queue is full", Duration.ofSeconds(2));
    }

    @GetMapping("/samples/away")
    String away() {
      throw new NotReadyException("the samples are away", null);
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
  void everyDomainExceptionIsAnsweredAsTheTableSays() throws Exception {
    mvc.perform(get("/samples/taken"))
        .andExpect(status().isConflict())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(ProblemTypes.CONFLICT.toString()))
        .andExpect(jsonPath("$.title").value("Conflict"))
        .andExpect(jsonPath("$.status").value(409))
        .andExpect(jsonPath("$.detail").value("a sample named 'x' already exists"))
        .andExpect(jsonPath("$.errors").doesNotExist());
    mvc.perform(get("/samples/invalid"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(ProblemTypes.INVALID_NETWORK.toString()))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(jsonPath("$.detail").value("layers[0].activation: unknown 'relu6'"))
        .andExpect(jsonPath("$.errors[0].field").value("layers[0].activation"))
        .andExpect(jsonPath("$.errors[0].message").value("unknown 'relu6'"));
    mvc.perform(get("/samples/queued"))
        .andExpect(status().isTooManyRequests())
        .andExpect(jsonPath("$.type").value(ProblemTypes.LIMIT_EXCEEDED.toString()))
        .andExpect(jsonPath("$.title").value("Limit exceeded"))
        .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER));
    mvc.perform(get("/samples/big")).andExpect(jsonPath("$.title").value("Limit exceeded"));
  }

  @Test
  void notReadySaysWhenToRetryIfItKnows() throws Exception {
    mvc.perform(get("/samples/busy"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
        .andExpect(jsonPath("$.type").value(ProblemTypes.SERVICE_UNAVAILABLE.toString()))
        .andExpect(jsonPath("$.title").value("Service unavailable"))
        .andExpect(jsonPath("$.detail").value("the sample queue is full"));
    mvc.perform(get("/samples/away"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER));
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
