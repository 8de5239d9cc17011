package dev.backprop.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * A trained version as a portable document: what {@code .../export} answers and {@code
 * /api/v1/networks/import} takes.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion the document's format version, {@value #FORMAT_VERSION}
 * @param name on import only: a new name for the network (default: the definition's name)
 * @param network the network's definition
 * @param version the version this document was exported from
 * @param standardization the input standardisation, null when inputs are used as given
 * @param layers per layer, weights (one row per unit, one column per unit of the layer before) and
 *     biases
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDocument(
    @Schema(example = FORMAT) @NotNull String format,
    @Schema(example = "1") @NotNull Integer formatVersion,
    @Pattern(regexp = NetworkDefinition.NAME_PATTERN, message = NetworkDefinition.NAME_MESSAGE)
        String name,
    @NotNull @Valid NetworkDefinition network,
    Integer version,
    @JsonInclude(JsonInclude.Include.ALWAYS) StandardizationDocument standardization,
    @NotEmpty @Valid List<@NotNull LayerParameters> layers) {

  public static final String FORMAT = "backprop-model";
  public static final int FORMAT_VERSION = 1;

  /**
   * Per-input mean and standard deviation, applied as {@code (x - mean) / std}.
   *
   * @param mean one value per input
   * @param std one value per input, each positive
   */
  public record StandardizationDocument(@NotNull float[] mean, @NotNull float[] std) {}

  /**
   * The parameters of one layer.
   *
   * @param weights one row per unit of this layer, one column per unit of the layer before
   * @param biases one per unit of this layer
   */
  public record LayerParameters(@NotNull float[][] weights, @NotNull float[] biases) {}
}
