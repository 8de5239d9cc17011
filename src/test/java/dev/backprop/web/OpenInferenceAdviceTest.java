package dev.backprop.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.domain.DomainException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.domain.NotFoundException;
import dev.backprop.domain.NotReadyException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** On the Open Inference Protocol's controllers, the same table answers as {@code { "error" }}. */
@WebMvcTest(controllers = OpenInferenceAdviceTest.ProtocolController.class)
@Import(OpenInferenceAdviceTest.ProtocolController.class)
class OpenInferenceAdviceTest {

  static final List<DomainException> FAILURES =
      List.of(
          new NotFoundException("model 'x'"),
          new InvalidFieldException(Subject.INPUT, "input 'input' has datatype INT8", List.of()),
          new LimitExceededException(Limit.VALUE, "inputs", "at most 10 rows"),
          new LimitExceededException(Limit.SIZE, null, "the body is too large"),
          new NotReadyException("model 'x' has 8 requests waiting", Duration.ofSeconds(1)));

  @Autowired MockMvc mvc;

  @RestController
  @OpenInferenceApi
  static class ProtocolController {
    @GetMapping("/v2/failures/{i}")
    String fail(@PathVariable int i) {
      throw FAILURES.get(i);
    }
  }

  @Test
  void aDomainExceptionIsItsStatusFromTheTableAndItsMessageAsTheError() throws Exception {
    for (int i = 0; i < FAILURES.size(); i++) {
      DomainException ex = FAILURES.get(i);
      mvc.perform(get("/v2/failures/" + i))
          .andExpect(status().is(Problems.of(ex).status().value()))
          .andExpect(content().contentType(MediaType.APPLICATION_JSON))
          .andExpect(
              content().json("{\"error\":\"" + ex.getMessage() + "\"}", JsonCompareMode.STRICT));
    }
    mvc.perform(get("/v2/failures/4"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"));
  }
}
