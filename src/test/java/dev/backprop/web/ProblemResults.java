package dev.backprop.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** What every controller test expects of a refused request: an RFC 9457 problem detail. */
public final class ProblemResults {

  private ProblemResults() {}

  /**
   * Expects a problem detail of this status and type, with a title and a detail; returns the result
   * for further expectations (the {@code errors} array, say).
   */
  public static ResultActions isProblem(ResultActions result, int status, URI type)
      throws Exception {
    return result
        .andExpect(status().is(status))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE))
        .andExpect(jsonPath("$.type").value(type.toString()))
        .andExpect(jsonPath("$.title").isString())
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.detail").isString());
  }
}
