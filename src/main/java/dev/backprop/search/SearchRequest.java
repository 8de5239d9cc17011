package dev.backprop.search;

import dev.backprop.training.TrainingJobRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/networks/{name}/searches}.
 *
 * @param dataset the data set every candidate trains on (or give {@code base.dataset} or {@code
 *     base.data})
 * @param base training-job fields every candidate shares; {@code base.seed} seeds every candidate's
 *     training alike (drawn once when omitted)
 * @param space for any of learningRate, batchSize, optimizer, momentum, l2, epochs, earlyStopping:
 *     the values to try ({@code null} among the earlyStopping values means none)
 * @param strategy {@code grid} (every combination, in order; the default) or {@code random}
 * @param metric what the leaderboard ranks by: validationLoss (the default), validationAccuracy,
 *     loss or accuracy
 * @param maxCandidates the most candidates to run; default every combination, which must then be at
 *     most {@code backprop.search.max-candidates}
 * @param maxDuration ISO-8601; past it the candidates still queued or running are cancelled and the
 *     search ends with those that succeeded
 * @param seed the seed of the random strategy's draw; drawn and reported when omitted
 */
public record SearchRequest(
    @Schema(example = "iris") String dataset,
    @Schema(
            example =
                "{ \"epochs\": 100, \"batchSize\": 16, \"validationSplit\": 0.2, \"seed\": 7 }")
        TrainingJobRequest base,
    @Schema(
            example =
                "{ \"learningRate\": [0.01, 0.05, 0.1], \"optimizer\": [\"sgd\", \"adam\"],"
                    + " \"batchSize\": [16, 32] }")
        Map<String, List<Object>> space,
    @Schema(
            example = "grid",
            allowableValues = {"grid", "random"})
        String strategy,
    @Schema(
            example = "validationLoss",
            allowableValues = {"validationLoss", "validationAccuracy", "loss", "accuracy"})
        String metric,
    @Schema(example = "12") @Positive Integer maxCandidates,
    @Schema(type = "string", example = "PT10M") Duration maxDuration,
    @Schema(example = "11") Long seed) {}
