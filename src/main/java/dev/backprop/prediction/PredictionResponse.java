package dev.backprop.prediction;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a version predicts for each row.
 *
 * @param network the network asked
 * @param version the version that answered
 * @param outputs the output layer's values per row (class probabilities for a softmax output)
 * @param labels for classifiers, the predicted label of each row
 */
public record PredictionResponse(
    String network,
    int version,
    float[][] outputs,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> labels) {}
