package dev.backprop.production;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database outage as a replica sees it: the test class's own PostgreSQL database refuses new
 * connections ({@code ALLOW_CONNECTIONS false}) and every connection to it is ended ({@code
 * pg_terminate_backend}), while the server and its other databases go on. Run from the server's
 * maintenance database; {@link #close()} always lets connections in again.
 */
final class Outage implements AutoCloseable {

  private final PostgresDatabase database;
  private final String name;
  private boolean begun;

  Outage(PostgresDatabase database) {
    this.database = database;
    this.name = URI.create(database.url().substring("jdbc:".length())).getPath().substring(1);
    if (!name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("unexpected database name " + name);
    }
  }

  /** Starts the outage; returns how many connections were ended. */
  int begin() throws SQLException {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      begun = true;
      statement.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
      return terminate(admin);
    }
  }

  /**
   * A blip rather than an outage: every connection to the database is ended ({@code
   * pg_terminate_backend}), and new ones are let in at once. Returns how many were ended.
   */
  int endConnections() throws SQLException {
    try (Connection admin = admin()) {
      return terminate(admin);
    }
  }

  private int terminate(Connection admin) throws SQLException {
    try (PreparedStatement terminate =
        admin.prepareStatement(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
      terminate.setString(1, name);
      try (ResultSet rs = terminate.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Ends the outage (does nothing if it never began). */
  @Override
  public void close() throws SQLException {
    if (!begun) {
      return;
    }
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
      begun = false;
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(
        PostgresExtension.withDatabase(database.url(), "postgres"),
        database.username(),
        database.password());
  }
}
