package dev.backprop.network;

/**
 * What training reached for a version: the metrics of the epoch whose weights it holds.
 *
 * @param loss training loss
 * @param validationLoss loss on the validation part, null without one
 * @param accuracy training accuracy, null unless a classifier
 * @param validationAccuracy validation accuracy, null unless a classifier with a validation part
 * @param epochs how many epochs were trained
 * @param bestEpoch the epoch whose weights the version holds
 */
public record VersionMetrics(
    Double loss,
    Double validationLoss,
    Double accuracy,
    Double validationAccuracy,
    Integer epochs,
    Integer bestEpoch) {}
