package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.domain.NotFoundException;
import dev.backprop.web.ProblemTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JobFailuresTest {

  @Test
  void aVanishedDataSetIsNamedAsSuchNotAsAMissingResource() {
    JobError error = JobFailures.of(new NotFoundException("data set 'iris'"));

    assertThat(error.type()).isEqualTo(ProblemTypes.TRAINING_INPUT_MISSING);
    assertThat(error.title()).isEqualTo("Training input missing");
    assertThat(error.detail()).isEqualTo("data set 'iris' does not exist");
    assertThat(error.status()).isEqualTo(422);
  }

  @Test
  void otherRefusalsAreInvalidInputWhoseTypeMeans422() {
    JobError invalid =
        JobFailures.of(new InvalidFieldException(Subject.DATASET, "targets", "unknown label"));
    assertThat(invalid.type()).isEqualTo(ProblemTypes.TRAINING_INPUT_INVALID);
    assertThat(invalid.title()).isEqualTo("Training input invalid");
    assertThat(invalid.detail()).isEqualTo("targets: unknown label");
    assertThat(invalid.status()).isEqualTo(422);

    JobError limit = JobFailures.of(new LimitExceededException(Limit.VALUE, "dataset", "rows"));
    assertThat(limit.type()).isEqualTo(ProblemTypes.TRAINING_INPUT_INVALID);
    assertThat(limit.status()).isEqualTo(422);
  }

  @Test
  void everyFailedJobIsA422ProblemDetailInTheUsualOrder() {
    JobError diverged = JobFailures.diverged(Double.NaN);

    assertThat(JsonMapper.builder().build().writeValueAsString(diverged))
        .isEqualTo(
            "{\"type\":\"https://backprop.dev/problems/training-diverged\","
                + "\"title\":\"Training diverged\",\"status\":422,"
                + "\"detail\":\"the loss became NaN; try a smaller learning rate or"
                + " standardize=true\"}");
    assertThat(JobFailures.leaseLost().status()).isEqualTo(422);
    assertThat(JobFailures.timedOut("too long").type()).isEqualTo(ProblemTypes.TRAINING_TIMED_OUT);
    assertThat(JobFailures.unexpected(new IllegalStateException("boom")).detail())
        .isEqualTo("IllegalStateException: boom");
  }
}
