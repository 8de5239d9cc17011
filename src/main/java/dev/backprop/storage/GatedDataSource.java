package dev.backprop.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source, in front of the pool: while {@link DatabaseAvailability} knows the
 * database is unreachable it refuses connections at once, instead of letting each request wait for
 * the pool's connection timeout; a connection the pool fails to give is reported to it.
 */
class GatedDataSource extends DelegatingDataSource {

  /** A connection refused because the database is already known to be unreachable. */
  static final class UnreachableException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    UnreachableException(String reason) {
      super(
          DatabaseUnavailableException.DETAIL + (reason == null ? "" : " (" + reason + ")"),
          "08001");
    }
  }

  private final ObjectProvider<DatabaseAvailability> availability;
  private volatile DatabaseAvailability resolved;

  GatedDataSource(DataSource pool, ObjectProvider<DatabaseAvailability> availability) {
    super(pool);
    this.availability = availability;
  }

  /** The availability, looked up once it exists (it is made after the pool it watches). */
  private DatabaseAvailability availability() {
    DatabaseAvailability database = resolved;
    if (database == null) {
      database = availability.getIfAvailable();
      resolved = database;
    }
    return database;
  }

  @Override
  public Connection getConnection() throws SQLException {
    DatabaseAvailability database = availability();
    if (database != null && !database.isAvailable()) {
      throw new UnreachableException(database.lastFailure());
    }
    try {
      return super.getConnection();
    } catch (SQLException e) {
      if (database != null) {
        database.reportFailure(e);
      }
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    DatabaseAvailability database = availability();
    if (database != null && !database.isAvailable()) {
      throw new UnreachableException(database.lastFailure());
    }
    return super.getConnection(username, password);
  }
}
