package dev.backprop.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.storage.DatabaseUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request that failed because the database is away is a 503 with {@code Retry-After} naming the
 * cause, as a problem detail or as {@code { "error" }} on {@code /v2}; other database errors are
 * not.
 */
@WebMvcTest(controllers = DatabaseUnavailableResolverTest.SampleController.class)
@Import({DatabaseUnavailableResolverTest.SampleController.class, DatabaseUnavailableResolver.class})
class DatabaseUnavailableResolverTest {

  @Autowired MockMvc mvc;

  @RestController
  static class SampleController {
    @GetMapping({"/api/v1/samples/pool", "/v2/models/sample"})
    String pool() {
      throw new CannotGetJdbcConnectionException(
          "Failed to obtain JDBC Connection",
          new SQLTransientConnectionException("backprop - Connection is not available"));
    }

    @GetMapping("/api/v1/samples/transaction")
    String transaction() {
      throw new CannotCreateTransactionException(
          "Could not open JDBC Connection for transaction",
          new SQLException("FATAL: terminating connection", "57P01"));
    }

    @GetMapping({"/api/v1/samples/stale", "/v2/models/stale"})
    String stale() {
      throw new DatabaseUnavailableException(
          "'latest' of network 'iris' was resolved too long ago", Duration.ofSeconds(7));
    }

    @GetMapping("/api/v1/samples/duplicate")
    String duplicate() {
      throw new DuplicateKeyException("insert", new SQLException("duplicate", "23505"));
    }
  }

  @Test
  void aLostConnectionIsA503ProblemWithRetryAfter() throws Exception {
    for (String path : new String[] {"/api/v1/samples/pool", "/api/v1/samples/transaction"}) {
      mvc.perform(get(path))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "1"))
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.type").value(ProblemTypes.SERVICE_UNAVAILABLE.toString()))
          .andExpect(jsonPath("$.status").value(503))
          .andExpect(jsonPath("$.detail").value("the database is unreachable"));
    }
  }

  @Test
  void onTheInferenceProtocolItIsAnErrorObject() throws Exception {
    mvc.perform(get("/v2/models/sample"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("the database is unreachable"))
        .andExpect(jsonPath("$.type").doesNotExist());
  }

  @Test
  void theServicesOwnRefusalKeepsItsDetailAndRetryAfter() throws Exception {
    mvc.perform(get("/api/v1/samples/stale"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "7"))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "the database is unreachable: 'latest' of network 'iris' was resolved too"
                        + " long ago"));
    mvc.perform(get("/v2/models/stale"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("the database")));
  }

  @Test
  void otherDatabaseErrorsAreLeftToTheOtherHandlers() throws Exception {
    mvc.perform(get("/api/v1/samples/duplicate"))
        .andExpect(status().isInternalServerError())
        .andExpect(header().doesNotExist("Retry-After"));
  }
}
