package dev.backprop.production;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A PostgreSQL database that belongs to one test class.
 *
 * @param url its JDBC URL
 * @param username the user to connect as
 * @param password that user's password (may be empty)
 * @param origin where it lives, for the log: a Testcontainers container or the server named by
 *     {@code BACKPROP_TEST_POSTGRES_URL}
 */
public record PostgresDatabase(String url, String username, String password, String origin) {

  /** Runs {@code work} with a client on one fresh connection, closed afterwards. */
  public <T> T withJdbc(java.util.function.Function<JdbcClient, T> work) {
    SingleConnectionDataSource dataSource =
        new SingleConnectionDataSource(url, username, password, true);
    try {
      return work.apply(JdbcClient.create(dataSource));
    } finally {
      dataSource.destroy();
    }
  }

  /** Command-line arguments that point the service at this database. */
  public List<String> springArgs() {
    List<String> args = new ArrayList<>();
    args.add("--spring.datasource.url=" + url);
    args.add("--spring.datasource.username=" + username);
    args.add("--spring.datasource.password=" + password);
    return args;
  }
}
