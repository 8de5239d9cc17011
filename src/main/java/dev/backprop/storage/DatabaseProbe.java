package dev.backprop.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Checks that the database answers, on one connection kept for the purpose: outside the pool, so
 * that a pool busy with long requests never looks like an outage, and kept open, so that a check
 * costs one round trip. A connection found broken is replaced at once, within the same check, so a
 * single dropped connection with the database still up is not an outage.
 */
class DatabaseProbe implements AutoCloseable {

  /** Opens a connection to the database. */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  private final Connector connector;
  private final boolean keep;
  private final int timeoutSeconds;
  private Connection connection;

  /**
   * @param connector opens the connection checked
   * @param keep whether the connection is kept between checks (false when {@code connector} lends
   *     pooled connections, which go back after each check)
   * @param timeoutSeconds the longest a check waits for the database
   */
  DatabaseProbe(Connector connector, boolean keep, int timeoutSeconds) {
    this.connector = connector;
    this.keep = keep;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Checks the database; throws why it cannot be reached. Called by one thread at a time.
   *
   * @throws SQLException the database cannot be reached
   */
  synchronized void check() throws SQLException {
    try {
      if (connection != null && connection.isValid(timeoutSeconds)) {
        return;
      }
      closeConnection();
      connection = connector.connect();
      if (!connection.isValid(timeoutSeconds)) {
        throw new SQLTransientConnectionException(
            "a new connection did not answer within " + timeoutSeconds + " s", "08006");
      }
    } catch (SQLException | RuntimeException e) {
      closeConnection();
      throw e;
    } finally {
      if (!keep) {
        closeConnection();
      }
    }
  }

  @Override
  public synchronized void close() {
    closeConnection();
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException e) {
        // a broken connection may refuse to close; it is dropped all the same
      }
      connection = null;
    }
  }
}
