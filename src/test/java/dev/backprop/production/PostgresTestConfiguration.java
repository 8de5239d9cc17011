package dev.backprop.production;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Points a {@code @SpringBootTest} context of a {@link PostgresTest} class at its database: the
 * class's Testcontainers container as a {@code @ServiceConnection} where Docker runs, otherwise the
 * class's database on the server named by {@code BACKPROP_TEST_POSTGRES_URL}. Such a class should
 * also be {@code @DirtiesContext}, since its database is dropped after it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

  @Bean
  @ServiceConnection
  @Conditional(DockerAvailable.class)
  PostgreSQLContainer postgresContainer() {
    return PostgresExtension.currentContainer();
  }

  @Bean
  @Conditional(DockerUnavailable.class)
  DynamicPropertyRegistrar postgresDatabase() {
    PostgresDatabase database = PostgresExtension.current();
    return registry -> {
      registry.add("spring.datasource.url", database::url);
      registry.add("spring.datasource.username", database::username);
      registry.add("spring.datasource.password", database::password);
    };
  }

  static final class DockerAvailable implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return PostgresExtension.dockerAvailable();
    }
  }

  static final class DockerUnavailable implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !PostgresExtension.dockerAvailable();
    }
  }
}
