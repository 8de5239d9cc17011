package dev.backprop.engine;

/**
 * Metrics of one epoch (1-based). {@code loss} is the mean over the epoch's mini-batches of the
 * batch loss J (+ (l2/2)Σw² when l2 &gt; 0), each measured by the forward pass of that batch,
 * before its update. {@code validationLoss} is the data loss J over the validation part at the end
 * of the epoch. Accuracies (argmax for softmax, threshold 0.5 for sigmoid + binary_cross_entropy, a
 * row counting as right only if all its outputs are) are null when the network is not a classifier;
 * validation values are null without a validation part.
 */
public record EpochMetrics(
    int epoch, double loss, Double validationLoss, Double accuracy, Double validationAccuracy) {}
