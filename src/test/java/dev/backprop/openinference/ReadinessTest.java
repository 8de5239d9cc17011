package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@code /v2/health/ready} mirrors the Actuator readiness group (readiness state, database; not
 * ND4J, which loads in the background while the replica serves): 200 while it is UP, 503 with
 * {@code { "error" }} while it is not.
 */
@IntegrationTest
class ReadinessTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired Environment environment;

  @Test
  void readinessGroupIncludesTheDatabaseButNotTheEngine() {
    assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
        .contains("readinessState")
        .contains("db")
        .doesNotContain("engine");
    assertThat(context.containsBean("engine")).isTrue();
  }

  @Test
  void readyFollowsTheReadinessGroup() {
    HttpTestClient http = new HttpTestClient(port);
    assertThat(http.get("/v2/health/ready").statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    try {
      AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
      var ready = http.get("/v2/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo("{\"error\":\"the server is not ready\"}");
      assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
      // liveness is unaffected
      assertThat(http.get("/v2/health/live").statusCode()).isEqualTo(200);
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    assertThat(http.get("/v2/health/ready").statusCode()).isEqualTo(200);
  }
}
