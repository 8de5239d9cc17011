package dev.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * One layer of a network definition.
 *
 * @param units how many neurons the layer has
 * @param activation its activation function: sigmoid, tanh, relu, leaky_relu, arctan, identity, or
 *     softmax (output layer only)
 */
public record LayerDefinition(
    @Schema(example = "8") @NotNull @Positive Integer units,
    @Schema(
            example = "relu",
            allowableValues = {
              "sigmoid",
              "tanh",
              "relu",
              "leaky_relu",
              "arctan",
              "identity",
              "softmax"
            })
        @NotBlank
        String activation) {}
