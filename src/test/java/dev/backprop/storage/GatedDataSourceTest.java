package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The pool is not asked for a connection while the database is known to be unreachable. */
class GatedDataSourceTest {

  final DatabaseAvailabilityTest.FakeDatabase database =
      new DatabaseAvailabilityTest.FakeDatabase();
  final DatabaseAvailability availability =
      new DatabaseAvailability(
          new DatabaseProbe(database::connect, true, 1),
          new DatabaseProperties(
              Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)),
          System::nanoTime);
  final DataSource pool = mock(DataSource.class);
  final GatedDataSource gated =
      new GatedDataSource(
          pool,
          new StaticListableBeanFactory(Map.of("availability", availability))
              .getBeanProvider(DatabaseAvailability.class));

  @Test
  void connectionsComeFromThePoolWhileTheDatabaseIsReachable() throws Exception {
    Connection connection = mock(Connection.class);
    when(pool.getConnection()).thenReturn(connection);
    assertThat(gated.getConnection()).isSameAs(connection);
  }

  @Test
  void whileItIsUnreachableTheyAreRefusedWithoutAskingThePool() {
    database.down.set(true);
    availability.check();
    assertThatThrownBy(gated::getConnection)
        .isInstanceOf(GatedDataSource.UnreachableException.class)
        .hasMessageStartingWith("the database is unreachable (FATAL: database");
    verifyNoInteractions(pool);

    database.down.set(false);
    availability.check();
    assertThat(availability.isAvailable()).isTrue();
  }

  @Test
  void aConnectionThePoolFailedToGiveIsReported() throws Exception {
    SQLTransientConnectionException timeout =
        new SQLTransientConnectionException("backprop - Connection is not available");
    when(pool.getConnection()).thenThrow(timeout);
    assertThatThrownBy(gated::getConnection).isSameAs(timeout);
    verify(pool).getConnection();
  }
}
