package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseRetryTest {

  /** isTransient reads neither the availability nor the properties. */
  private final DatabaseRetry retry = new DatabaseRetry(null, null);

  private static TransactionSystemException rollbackFailedAfter(RuntimeException cause) {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(cause);
    return rollback;
  }

  @Test
  void aRollbackLostWithTheConnectionCountsAsWhatItRolledBack() {
    RuntimeException lost =
        new DataAccessResourceFailureException(
            "gone", new SQLTransientConnectionException("terminated", "08006"));
    assertThat(retry.isTransient(lost)).isTrue();
    assertThat(retry.isTransient(rollbackFailedAfter(lost))).isTrue();
    assertThat(retry.isTransient(rollbackFailedAfter(new DataIntegrityViolationException("dup"))))
        .isFalse();
  }

  @Test
  void aRollbackThatFailedAfterAFailedCommitIsALostConnection() {
    // What Spring throws when a commit fails and the rollback after it fails too (seen in
    // TrainingThroughDatabaseFailuresTest on PostgreSQL): the rollback's failure alone.
    assertThat(
            retry.isTransient(
                new TransactionSystemException(
                    "JDBC rollback failed", new SQLException("Connection is closed"))))
        .isTrue();
    assertThat(retry.isTransient(new TransactionSystemException("no transaction"))).isFalse();
  }
}
