package dev.backprop.dataset;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The JSON form of a data set upload: {@code { "name", "features": [[...]], "targets": [...] }}.
 * The two arrays are read as they stream in ({@link UploadStream}), straight into their compact
 * form, checking rectangularity, finiteness and the limits on the way and naming the offending
 * element (e.g. {@code features[3][1]}).
 *
 * @param name the new data set's name
 * @param features one row of numbers per example
 * @param targets one per row: a number, a string (class label) or an array of numbers
 * @param featureNames optional names of the feature columns (default {@code x0, x1, ...})
 * @param target optional name of the target (default {@code y})
 */
@Schema(name = "DatasetUpload", description = "A data set given as JSON arrays.")
public record DatasetUpload(
    @NotNull
        @Pattern(regexp = DatasetNames.PATTERN, message = DatasetNames.MESSAGE)
        @Schema(example = "xor", pattern = DatasetNames.PATTERN, maxLength = 63)
        String name,
    @NotNull
        @JsonDeserialize(using = UploadStream.Features.class)
        @ArraySchema(
            arraySchema = @Schema(example = "[[0, 0], [0, 1], [1, 0], [1, 1]]"),
            schema = @Schema(implementation = double[].class))
        FeatureRows features,
    @NotNull
        @JsonDeserialize(using = UploadStream.Targets.class)
        @ArraySchema(
            arraySchema =
                @Schema(
                    example = "[0, 1, 1, 0]",
                    description =
                        "One per row: numbers (a numeric target), strings (class labels) or"
                            + " arrays of k numbers (a numeric target of width k)."),
            schema = @Schema(ref = DatasetOpenApi.TARGET_REF))
        JsonTargets targets,
    @Schema(example = "[\"a\", \"b\"]", nullable = true) List<String> featureNames,
    @Schema(example = "y", nullable = true) String target) {

  public DatasetUpload {
    featureNames =
        featureNames == null ? null : java.util.Collections.unmodifiableList(featureNames);
  }
}
