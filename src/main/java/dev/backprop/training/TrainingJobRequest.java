package dev.backprop.training;

import dev.backprop.dataset.DatasetOpenApi;
import dev.backprop.web.ExactlyOneOf;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/networks/{name}/training-jobs}. Its annotations check each
 * value's range as the request is bound; {@link JobSettings#of} fills in the defaults and checks
 * the rest.
 *
 * @param dataset the name of an uploaded data set; or give {@code data}
 * @param data inline training data instead of a data set
 * @param epochs passes over the training data (default {@value JobSettings#DEFAULT_EPOCHS})
 * @param batchSize examples per gradient step (default {@value JobSettings#DEFAULT_BATCH_SIZE})
 * @param learningRate the step size (default {@value JobSettings#DEFAULT_LEARNING_RATE})
 * @param optimizer sgd, momentum or adam (default {@value JobSettings#DEFAULT_OPTIMIZER})
 * @param momentum the momentum coefficient of the momentum optimiser (default {@value
 *     JobSettings#DEFAULT_MOMENTUM})
 * @param l2 the L2 penalty on weights (default {@value JobSettings#DEFAULT_L2})
 * @param validationSplit the share of rows held out for validation (default {@value
 *     JobSettings#DEFAULT_VALIDATION_SPLIT})
 * @param shuffle whether to shuffle the rows each epoch (default {@value
 *     JobSettings#DEFAULT_SHUFFLE})
 * @param seed the seed of every random choice; drawn at random and reported when omitted
 * @param standardize whether to standardise the inputs (default {@value
 *     JobSettings#DEFAULT_STANDARDIZE})
 * @param earlyStopping stop when the validation loss stops improving (default off)
 * @param fromVersion a version number or {@code latest} to continue training from
 * @param threads threads to split each batch across, at most {@code
 *     backprop.training.threads-per-job} (the default: the replica's setting). The result depends
 *     on the count, so a job that gives it can be repeated bit for bit on any replica that allows
 *     it; networks and batches too small to gain from a split stay on one thread either way
 */
@ExactlyOneOf({"dataset", "data"})
public record TrainingJobRequest(
    @Schema(example = "iris") String dataset,
    @Valid InlineData data,
    @Schema(example = "200") @Positive Integer epochs,
    @Schema(example = "16") @Positive Integer batchSize,
    @Schema(example = "0.05") @Positive @DecimalMax("10") Double learningRate,
    @Schema(
            example = "adam",
            allowableValues = {"sgd", "momentum", "adam"})
        String optimizer,
    @Schema(example = "0.9") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        Double momentum,
    @Schema(example = "0.0") @PositiveOrZero @DecimalMax("10") Double l2,
    @Schema(example = "0.2") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        Double validationSplit,
    Boolean shuffle,
    @Schema(example = "7") Long seed,
    Boolean standardize,
    @Valid EarlyStoppingRequest earlyStopping,
    @Schema(example = "latest", description = "a version number, or 'latest'") String fromVersion,
    @Schema(
            example = "2",
            description =
                "threads to split each batch across, at most the replica's"
                    + " backprop.training.threads-per-job (its default); the result depends on the"
                    + " count")
        @Positive
        Integer threads) {

  /**
   * Training data given in the request itself.
   *
   * @param features one row of numbers per example
   * @param targets one target per row: a number, a class label, or an array of numbers
   */
  public record InlineData(
      @ArraySchema(arraySchema = @Schema(example = "[[0, 0], [0, 1], [1, 0], [1, 1]]")) @NotEmpty
          List<@NotNull List<@NotNull Double>> features,
      @ArraySchema(
              arraySchema = @Schema(example = "[0, 1, 1, 0]"),
              schema = @Schema(ref = DatasetOpenApi.TARGET_REF))
          @NotEmpty
          List<JsonNode> targets) {}

  /**
   * Early stopping on the validation loss (the training loss without a validation part).
   *
   * @param patience epochs without improvement before stopping
   * @param minDelta the least decrease that counts as an improvement (default {@value
   *     JobSettings#DEFAULT_MIN_DELTA})
   */
  public record EarlyStoppingRequest(
      @Schema(example = "10") @NotNull @Positive Integer patience,
      @Schema(example = "0.0") @PositiveOrZero Double minDelta) {}
}
