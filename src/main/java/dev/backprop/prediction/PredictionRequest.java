package dev.backprop.prediction;

import dev.backprop.web.ExactlyOneOf;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * Rows to predict: either {@code inputs} (rows of raw numbers) or {@code instances} (objects naming
 * each input, for networks with features).
 *
 * @param inputs one row of raw input values per prediction
 * @param instances one object per prediction, mapping each feature name to its raw value
 */
@ExactlyOneOf({"inputs", "instances"})
public record PredictionRequest(
    // Read by InputValues straight into one float[]; PredictionOpenApi documents its items.
    @ArraySchema(arraySchema = @Schema(example = "[[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]"))
        @NoNullValues
        InputValues inputs,
    List<@NotNull Map<String, @NotNull Double>> instances) {}
