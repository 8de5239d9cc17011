package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * backprop.training.threads-per-job and kept-rows-size as Spring binds them: threads set, or shared
 * out from the cores; the rows kept in megabytes unless a unit says otherwise.
 */
class TrainingPropertiesTest {

  private static TrainingProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("backprop.training", TrainingProperties.class);
  }

  @Test
  void threadsPerJobDefaultsToTheCoresSharedAmongTheJobs() {
    int cores = Runtime.getRuntime().availableProcessors();

    assertThat(bind(Map.of()).threadsPerJob()).isEqualTo(cores);
    assertThat(bind(Map.of("backprop.training.max-concurrent-jobs", "2")).threadsPerJob())
        .isEqualTo(Math.max(1, cores / 2));
    assertThat(
            bind(Map.of("backprop.training.max-concurrent-jobs", String.valueOf(cores + 1)))
                .threadsPerJob())
        .isEqualTo(1);
  }

  @Test
  void threadsPerJobCanBeSetAndMustBePositive() {
    assertThat(bind(Map.of("backprop.training.threads-per-job", "3")).threadsPerJob()).isEqualTo(3);
    assertThatThrownBy(() -> bind(Map.of("backprop.training.threads-per-job", "0")))
        .hasStackTraceContaining("threads-per-job must be >= 1");
  }

  @Test
  void keptRowsSizeIsInMegabytesByDefaultAndMayBeZero() {
    assertThat(bind(Map.of()).keptRowsSize()).isEqualTo(DataSize.ofMegabytes(128));
    assertThat(bind(Map.of("backprop.training.kept-rows-size", "64")).keptRowsSize())
        .isEqualTo(DataSize.ofMegabytes(64));
    assertThat(bind(Map.of("backprop.training.kept-rows-size", "1GB")).keptRowsSize())
        .isEqualTo(DataSize.ofGigabytes(1));
    assertThat(bind(Map.of("backprop.training.kept-rows-size", "0")).keptRowsSize().toBytes())
        .isZero();
    assertThatThrownBy(() -> bind(Map.of("backprop.training.kept-rows-size", "-1MB")))
        .hasStackTraceContaining("kept-rows-size must be >= 0");
  }
}
