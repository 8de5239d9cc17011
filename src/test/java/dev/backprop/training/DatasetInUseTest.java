package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.IntegrationTest;
import dev.backprop.network.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A data set that queued or running jobs need is not deleted from under them: 409 naming the jobs,
 * unless {@code force=true}, which cancels them and then deletes it.
 */
@IntegrationTest
class DatasetInUseTest {

  @LocalServerPort int port;

  @Test
  void aDataSetInUseIsA409NamingTheJobsAndForceCancelsThem() throws Exception {
    Api api = new Api(port);
    String job =
        api.irisJob("in-use", "{ \"dataset\": \"in-use\", \"epochs\": 100000, \"seed\": 3 }");
    String id = job.substring(job.lastIndexOf('/') + 1);

    JsonNode refused = api.delete("/api/v1/datasets/in-use").problem(409);
    assertThat(refused.path("type").asString()).endsWith("/conflict");
    assertThat(refused.path("detail").asString()).contains(id).contains("force=true");
    api.get("/api/v1/datasets/in-use").ok(200);
    assertThat(api.get(job).ok(200).path("status").asString()).isIn("QUEUED", "RUNNING");

    assertThat(api.delete("/api/v1/datasets/in-use?force=true").status()).isEqualTo(204);
    api.get("/api/v1/datasets/in-use").problem(404);
    assertThat(api.finish(job, java.time.Duration.ofSeconds(30)).path("status").asString())
        .isEqualTo("CANCELLED");
    assertThat(api.delete("/api/v1/datasets/in-use").problem(404).path("type").asString())
        .endsWith("/not-found");
  }
}
