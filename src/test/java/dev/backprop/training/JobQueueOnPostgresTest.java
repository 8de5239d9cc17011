package dev.backprop.training;

import dev.backprop.production.PostgresDatabase;
import dev.backprop.production.PostgresTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The queue's conditional updates on PostgreSQL, where replicas share the queue. */
@PostgresTest
class JobQueueOnPostgresTest extends JobQueueContract {

  static DataSource postgres;

  @BeforeAll
  static void connect(PostgresDatabase database) {
    postgres =
        new DriverManagerDataSource(database.url(), database.username(), database.password());
  }

  @Override
  DataSource dataSource() {
    return postgres;
  }
}
