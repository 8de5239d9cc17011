package dev.backprop.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure to reach the database (no connection, a connection lost, a server shutting down)
 * from other database errors (a constraint, a bad statement), whatever Spring wrapped it in.
 */
public final class DatabaseFailures {

  /**
   * SQL states of a lost or refused connection besides class 08: PostgreSQL's admin and crash
   * shutdown and "cannot connect now" (a terminated backend, a restart), H2's "database closed".
   */
  private static final Set<String> CONNECTION_STATES =
      Set.of("57P01", "57P02", "57P03", "90098", "90121");

  private static final int MAX_DEPTH = 32;

  private DatabaseFailures() {}

  /** Whether {@code failure} (or one of its causes) says the database cannot be reached. */
  public static boolean isUnreachable(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof DatabaseUnavailableException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || CONNECTION_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the failure came from this replica already knowing the database is unreachable (the
   * request was refused without trying), rather than from a new attempt that failed.
   */
  static boolean isKnown(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof DatabaseUnavailableException
          || t instanceof GatedDataSource.UnreachableException) {
        return true;
      }
    }
    return false;
  }
}
