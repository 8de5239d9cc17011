package dev.backprop.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link GatedDataSource} in front of the pool and watches the database with {@link
 * DatabaseAvailability}.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  /** Static, as bean post-processors must be, so that it does not make this class early. */
  @Bean
  static BeanPostProcessor gatedDataSource(ObjectProvider<DatabaseAvailability> availability) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource pool && !(bean instanceof GatedDataSource)
            ? new GatedDataSource(pool, availability)
            : bean;
      }
    };
  }

  @Bean(destroyMethod = "close")
  DatabaseAvailability databaseAvailability(
      DataSource dataSource, DatabaseProperties properties, ObjectProvider<MeterRegistry> meters) {
    DataSource pool =
        dataSource instanceof GatedDataSource gated ? gated.getTargetDataSource() : dataSource;
    DatabaseAvailability availability =
        new DatabaseAvailability(probe(pool, properties), properties, System::nanoTime);
    meters.ifAvailable(
        registry ->
            Gauge.builder("backprop.database.reachable", availability, a -> a.isAvailable() ? 1 : 0)
                .description("1 while this replica's last check reached the database, else 0")
                .register(registry));
    availability.start();
    return availability;
  }

  /**
   * A probe on a connection of its own, opened with the pool's settings; from the pool itself (one
   * connection per check) when the pool does not say how it connects.
   */
  static DatabaseProbe probe(DataSource pool, DatabaseProperties properties) {
    int timeout = properties.checkTimeoutSeconds();
    HikariDataSource hikari = unwrap(pool);
    if (hikari == null || hikari.getJdbcUrl() == null) {
      return new DatabaseProbe(pool::getConnection, false, timeout);
    }
    String url = hikari.getJdbcUrl();
    Properties settings = new Properties();
    settings.putAll(hikari.getDataSourceProperties());
    if (hikari.getUsername() != null) {
      settings.setProperty("user", hikari.getUsername());
    }
    if (hikari.getPassword() != null) {
      settings.setProperty("password", hikari.getPassword());
    }
    if (url.startsWith("jdbc:postgresql:")) {
      // Seconds, as the driver counts them: a server that does not answer is a failed check.
      settings.setProperty("connectTimeout", Integer.toString(timeout));
      settings.setProperty("loginTimeout", Integer.toString(timeout));
      settings.setProperty("ApplicationName", "backprop database check");
    }
    return new DatabaseProbe(() -> DriverManager.getConnection(url, settings), true, timeout);
  }

  private static HikariDataSource unwrap(DataSource pool) {
    try {
      return pool.isWrapperFor(HikariDataSource.class) ? pool.unwrap(HikariDataSource.class) : null;
    } catch (SQLException e) {
      return null;
    }
  }
}
