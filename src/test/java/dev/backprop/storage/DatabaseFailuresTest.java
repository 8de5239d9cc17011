package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

/** What counts as "the database cannot be reached", through Spring's wrappers. */
class DatabaseFailuresTest {

  @Test
  void connectionFailuresAreUnreachableWhateverWrapsThem() {
    assertThat(
            DatabaseFailures.isUnreachable(
                new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("backprop - Connection is not available"))))
        .isTrue();
    // pg_terminate_backend: the next statement on that connection
    assertThat(
            DatabaseFailures.isUnreachable(
                new UncategorizedSQLException(
                    "select",
                    "SELECT 1",
                    new SQLException(
                        "FATAL: terminating connection due to administrator command", "57P01"))))
        .isTrue();
    assertThat(
            DatabaseFailures.isUnreachable(
                new CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction",
                    new SQLException(
                        "An I/O error occurred while sending to the backend", "08006"))))
        .isTrue();
    assertThat(
            DatabaseFailures.isUnreachable(
                new DataAccessResourceFailureException(
                    "closed", new SQLException("Database is already closed", "90121"))))
        .isTrue();
    assertThat(
            DatabaseFailures.isUnreachable(
                new DatabaseUnavailableException(null, Duration.ofSeconds(1))))
        .isTrue();
  }

  @Test
  void otherDatabaseErrorsAreNot() {
    assertThat(
            DatabaseFailures.isUnreachable(
                new DuplicateKeyException(
                    "insert", new SQLException("duplicate key value", "23505"))))
        .isFalse();
    assertThat(DatabaseFailures.isUnreachable(new SQLException("syntax error", "42601"))).isFalse();
    assertThat(DatabaseFailures.isUnreachable(new SQLException("no state"))).isFalse();
    assertThat(DatabaseFailures.isUnreachable(new IllegalStateException("boom"))).isFalse();
    assertThat(DatabaseFailures.isUnreachable(null)).isFalse();
  }

  @Test
  void onlyARefusalByThisReplicaIsAlreadyKnown() {
    assertThat(
            DatabaseFailures.isKnown(
                new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection",
                    new GatedDataSource.UnreachableException(null))))
        .isTrue();
    assertThat(
            DatabaseFailures.isKnown(
                new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("timeout"))))
        .isFalse();
  }
}
