package dev.backprop.production;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Gives each test class a fresh PostgreSQL database of its own, so that classes never see each
 * other's rows and re-runs start clean:
 *
 * <ol>
 *   <li>where Docker runs, a new Testcontainers {@code postgres:16} container for the class (which
 *       {@link PostgresTestConfiguration} also hands to Spring as a {@code @ServiceConnection});
 *   <li>otherwise, on the server named by {@code BACKPROP_TEST_POSTGRES_URL} (with {@code
 *       BACKPROP_TEST_POSTGRES_USER} and {@code BACKPROP_TEST_POSTGRES_PASSWORD}), a new database
 *       {@code bp_<random>}, dropped after the class;
 *   <li>with neither, the class is skipped (disabled, and aborted should it run anyway), and the
 *       reason is printed and reported.
 * </ol>
 *
 * <p>A server named by the variable that cannot be reached fails the class rather than skipping it:
 * CI sets the variable only after making sure PostgreSQL runs.
 */
public final class PostgresExtension
    implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {

  static final String URL_VARIABLE = "BACKPROP_TEST_POSTGRES_URL";
  static final String USER_VARIABLE = "BACKPROP_TEST_POSTGRES_USER";
  static final String PASSWORD_VARIABLE = "BACKPROP_TEST_POSTGRES_PASSWORD";
  static final String IMAGE = "postgres:16";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static volatile Boolean docker;

  /** The database of the class that runs now (test classes run one after another). */
  private static volatile PostgresDatabase current;

  /** The container of the class that runs now, or null when on a server named by the variable. */
  private static volatile PostgreSQLContainer currentContainer;

  static PostgresDatabase current() {
    PostgresDatabase database = current;
    if (database == null) {
      throw new IllegalStateException("no PostgreSQL database: is the class a @PostgresTest?");
    }
    return database;
  }

  static PostgreSQLContainer currentContainer() {
    return currentContainer;
  }

  static boolean dockerAvailable() {
    if (docker == null) {
      boolean available;
      try {
        available = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        available = false;
      }
      docker = available;
    }
    return docker;
  }

  /** Why no PostgreSQL is available, or null when one is. */
  static String unavailable() {
    if (dockerAvailable()) {
      return null;
    }
    String url = System.getenv(URL_VARIABLE);
    return url == null || url.isBlank()
        ? "PostgreSQL tests skipped: Docker is not available for Testcontainers, and "
            + URL_VARIABLE
            + " names no PostgreSQL server"
        : null;
  }

  /** Skips a class (reported as skipped, with the reason) when there is no PostgreSQL. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String reason = unavailable();
    if (reason == null) {
      return ConditionEvaluationResult.enabled("PostgreSQL available");
    }
    if (context.getTestMethod().isEmpty()) {
      System.err.println(context.getDisplayName() + ": " + reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    PostgresDatabase database;
    if (dockerAvailable()) {
      PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
      container.start();
      store.put("container", container);
      currentContainer = container;
      database =
          new PostgresDatabase(
              container.getJdbcUrl(),
              container.getUsername(),
              container.getPassword(),
              "Testcontainers " + IMAGE);
    } else {
      String reason = unavailable();
      if (reason != null) {
        System.err.println(reason);
        Assumptions.abort(reason);
      }
      database = createDatabase(System.getenv(URL_VARIABLE).trim());
      store.put("dropOnClose", database);
    }
    store.put("database", database);
    current = database;
    System.out.println(
        "PostgreSQL for "
            + context.getRequiredTestClass().getSimpleName()
            + ": "
            + database.url()
            + " ("
            + database.origin()
            + ")");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    current = null;
    currentContainer = null;
    PostgreSQLContainer container = store.remove("container", PostgreSQLContainer.class);
    if (container != null) {
      container.stop();
    }
    PostgresDatabase database = store.remove("dropOnClose", PostgresDatabase.class);
    if (database != null) {
      dropDatabase(database);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).get("database", PostgresDatabase.class);
  }

  private static PostgresDatabase createDatabase(String adminUrl) throws SQLException {
    String user = orDefault(System.getenv(USER_VARIABLE), "postgres");
    String password = orDefault(System.getenv(PASSWORD_VARIABLE), "");
    String name = "bp_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return new PostgresDatabase(
        withDatabase(adminUrl, name), user, password, "server named by " + URL_VARIABLE);
  }

  private static void dropDatabase(PostgresDatabase database) throws SQLException {
    String adminUrl = System.getenv(URL_VARIABLE).trim();
    String name = databaseName(database.url());
    try (Connection admin =
            DriverManager.getConnection(adminUrl, database.username(), database.password());
        Statement statement = admin.createStatement()) {
      // FORCE (PostgreSQL 13+) ends connections a killed replica may have left behind.
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /** {@code jdbc:postgresql://host:port/db?x=y} with {@code db} replaced by {@code name}. */
  static String withDatabase(String jdbcUrl, String name) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + name + query;
  }

  private static String databaseName(String jdbcUrl) {
    return URI.create(jdbcUrl.substring("jdbc:".length())).getPath().substring(1);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
