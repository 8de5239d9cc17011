package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.domain.FieldError;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.engine.EarlyStopping;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.training.TrainingJobRequest.EarlyStoppingRequest;
import dev.backprop.training.TrainingJobRequest.InlineData;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The one place a request's settings get their defaults, their remaining checks, and the engine's
 * config.
 */
class JobSettingsTest {

  static final LongSupplier NO_DRAW =
      () -> {
        throw new AssertionError("the request gave a seed: none may be drawn");
      };

  static TrainingJobRequest onlyDataset() {
    return request(null, null, null);
  }

  static TrainingJobRequest request(Integer epochs, String optimizer, String fromVersion) {
    return request(epochs, optimizer, fromVersion, null);
  }

  static TrainingJobRequest request(
      Integer epochs, String optimizer, String fromVersion, Integer threads) {
    return new TrainingJobRequest(
        "iris",
        null,
        epochs,
        null,
        null,
        optimizer,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        fromVersion,
        threads);
  }

  @Test
  void omittedFieldsTakeTheDocumentedDefaultsAndADrawnSeed() {
    JobSettings settings = JobSettings.of(onlyDataset(), 1000, 2, () -> 1234L);
    assertThat(settings)
        .isEqualTo(
            new JobSettings(
                "iris", null, 100, 32, 0.01, "adam", 0.9, 0, 0, true, 1234L, true, null, null, null,
                null));
  }

  @Test
  void givenFieldsAreKept() {
    InlineData data = new InlineData(List.of(List.of(0.0, 1.0)), List.of());
    TrainingJobRequest request =
        new TrainingJobRequest(
            null,
            data,
            7,
            4,
            0.5,
            "momentum",
            0.8,
            0.1,
            0.25,
            false,
            -3L,
            false,
            new EarlyStoppingRequest(5, 0.01),
            "latest",
            2);
    assertThat(JobSettings.of(request, 1000, 2, NO_DRAW)).isEqualTo(everyField(data));
  }

  /** Settings with every field given: those of {@link #givenFieldsAreKept}'s request. */
  static JobSettings everyField(InlineData data) {
    return new JobSettings(
        null, data, 7, 4, 0.5, "momentum", 0.8, 0.1, 0.25, false, -3L, false, 5, 0.01, "latest", 2);
  }

  @Test
  void earlyStoppingWithoutMinDeltaCountsAnyDecrease() {
    TrainingJobRequest request =
        new TrainingJobRequest(
            "iris",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            1L,
            null,
            new EarlyStoppingRequest(3, null),
            null,
            null);
    JobSettings settings = JobSettings.of(request, 1000, 2, NO_DRAW);
    assertThat(settings.patience()).isEqualTo(3);
    assertThat(settings.minDelta()).isZero();
  }

  @Test
  void epochsOverTheConfiguredLimitAreRefusedNamingIt() {
    assertThat(JobSettings.of(request(10, null, null), 10, 2, () -> 1L).epochs()).isEqualTo(10);
    assertThatThrownBy(() -> JobSettings.of(request(11, null, null), 10, 2, () -> 1L))
        .isInstanceOfSatisfying(
            LimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(LimitExceededException.Limit.VALUE);
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("epochs");
              assertThat(e.getMessage()).contains("backprop.limits.max-epochs").contains("11");
            });
    assertThatThrownBy(() -> JobSettings.of(onlyDataset(), 99, 2, () -> 1L))
        .as("the default counts too")
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void threadsOverTheReplicasLimitAreRefusedAndOmittedMeansTheReplicas() {
    assertThat(JobSettings.of(request(null, null, null, 1), 1000, 2, () -> 1L).threadsWithin(2))
        .isEqualTo(1);
    assertThat(JobSettings.of(request(null, null, null, 2), 1000, 2, () -> 1L).threadsWithin(1))
        .as("a replica that allows fewer runs it on those")
        .isEqualTo(1);
    JobSettings omitted = JobSettings.of(onlyDataset(), 1000, 2, () -> 1L);
    assertThat(omitted.threads()).isNull();
    assertThat(omitted.threadsWithin(3)).isEqualTo(3);
    assertThatThrownBy(() -> JobSettings.of(request(null, null, null, 3), 1000, 2, () -> 1L))
        .isInstanceOfSatisfying(
            LimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(LimitExceededException.Limit.VALUE);
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("threads");
              assertThat(e.getMessage())
                  .contains("backprop.training.threads-per-job")
                  .contains("at most 2")
                  .contains("got 3");
            });
  }

  @Test
  void anUnknownOptimizerIsRefusedNamingTheField() {
    for (Optimizer known : Optimizer.values()) {
      assertThat(
              JobSettings.of(request(null, known.apiName(), null), 1000, 2, () -> 1L).optimizer())
          .isEqualTo(known.apiName());
    }
    assertRefused(request(null, "rmsprop", null), "optimizer");
    assertRefused(request(null, "ADAM", null), "optimizer");
  }

  @Test
  void fromVersionIsAVersionNumberOrLatestAndBlankMeansNone() {
    assertThat(JobSettings.of(request(null, null, " "), 1000, 2, () -> 1L).fromVersion()).isNull();
    assertThat(JobSettings.of(request(null, null, "latest"), 1000, 2, () -> 1L).fromVersion())
        .isEqualTo("latest");
    assertThat(JobSettings.of(request(null, null, "12"), 1000, 2, () -> 1L).fromVersion())
        .isEqualTo("12");
    for (String bad : new String[] {"seven", "0", "-1", "01", "1234567890", "Latest"}) {
      assertRefused(request(null, null, bad), "fromVersion");
    }
  }

  @Test
  void theEngineConfigCarriesEverySetting() {
    assertThat(everyField(null).config())
        .isEqualTo(
            new TrainingConfig(
                7,
                4,
                0.5,
                Optimizer.MOMENTUM,
                0.8,
                0.1,
                0.25,
                false,
                -3L,
                false,
                new EarlyStopping(5, 0.01)));
    JobSettings withoutStopping = JobSettings.of(onlyDataset(), 1000, 2, () -> 9L);
    assertThat(withoutStopping.config().earlyStopping()).isNull();
    assertThat(withoutStopping.config().optimizer()).isEqualTo(Optimizer.ADAM);
  }

  @Test
  void answersLeaveTheInlineDataOut() {
    InlineData data = new InlineData(List.of(List.of(0.0, 1.0)), List.of());
    JobSettings settings =
        new JobSettings(
            null, data, 7, 4, 0.5, "sgd", 0.8, 0.1, 0.25, false, 3L, false, null, null, "2", 1);
    assertThat(settings.withoutData())
        .isEqualTo(
            new JobSettings(
                null, null, 7, 4, 0.5, "sgd", 0.8, 0.1, 0.25, false, 3L, false, null, null, "2",
                1));
  }

  static void assertRefused(TrainingJobRequest request, String field) {
    assertThatThrownBy(() -> JobSettings.of(request, 1000, 2, () -> 1L))
        .as(field)
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> {
              assertThat(e.subject()).isEqualTo(InvalidFieldException.Subject.REQUEST);
              assertThat(e.errors()).extracting(FieldError::field).containsExactly(field);
            });
  }
}
