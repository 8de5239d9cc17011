package dev.backprop.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A network as the client defines it: the body of {@code POST /api/v1/networks}, and the {@code
 * network} of a model document.
 *
 * @param name 1-63 characters of [a-z0-9-], starting with a letter
 * @param inputs how many inputs; may be omitted when {@code features} names them
 * @param features optional input names, so that predictions may name their inputs
 * @param layers hidden layers then the output layer
 * @param loss quadratic, cross_entropy (softmax output) or binary_cross_entropy (sigmoid output)
 * @param initializer xavier or he; the default suits the activation
 * @param seed the seed of the initial weights; drawn at random when omitted
 * @param labels optional class labels, one per output unit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkDefinition(
    @Schema(example = "iris") @NotNull @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE)
        String name,
    @Schema(example = "4") @Positive Integer inputs,
    @Schema(example = "[\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"]")
        List<@NotBlank String> features,
    @NotEmpty @Valid List<@NotNull LayerDefinition> layers,
    @Schema(
            example = "cross_entropy",
            allowableValues = {"quadratic", "cross_entropy", "binary_cross_entropy"})
        @NotBlank
        String loss,
    @Schema(
            example = "xavier",
            allowableValues = {"xavier", "he"})
        String initializer,
    @Schema(example = "42") Long seed,
    @Schema(example = "[\"setosa\", \"versicolor\", \"virginica\"]") @Size(min = 1)
        List<@NotBlank String> labels) {

  public static final String NAME_PATTERN = "^[a-z][a-z0-9-]{0,62}$";
  public static final String NAME_MESSAGE =
      "must be 1-63 characters of [a-z0-9-], starting with a letter";

  /** The same definition under another name. */
  public NetworkDefinition withName(String newName) {
    return new NetworkDefinition(
        newName, inputs, features, layers, loss, initializer, seed, labels);
  }
}
