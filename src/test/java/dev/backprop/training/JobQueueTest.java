package dev.backprop.training;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The queue's conditional updates on H2, as tests and a single replica run them. */
class JobQueueTest extends JobQueueContract {

  static final DataSource H2 =
      new DriverManagerDataSource(
          "jdbc:h2:mem:job-queue-"
              + UUID.randomUUID()
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");

  @Override
  DataSource dataSource() {
    return H2;
  }
}
