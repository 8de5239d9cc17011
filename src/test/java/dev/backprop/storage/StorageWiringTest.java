package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** In the running service: the pool is gated, and the {@code db} health indicator is ours. */
@IntegrationTest
class StorageWiringTest {

  @Autowired ApplicationContext context;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired DatabaseAvailability availability;
  @LocalServerPort int port;

  @Test
  void theApplicationsDataSourceIsGatedAndTheDbIndicatorAnswersFromTheChecks() {
    assertThat(dataSource).isInstanceOf(GatedDataSource.class);
    assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
    assertThat(context.getBean("dbHealthIndicator")).isInstanceOf(DatabaseHealthIndicator.class);
    assertThat(availability.isAvailable()).isTrue();
    assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);

    HttpTestClient http = new HttpTestClient(port);
    assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/prometheus").body())
        .contains("backprop_database_reachable{application=\"backprop\"} 1.0");
  }
}
