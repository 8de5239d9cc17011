package dev.backprop.training;

import dev.backprop.engine.EpochMetrics;

/**
 * The metrics of one finished epoch, as jobs report them.
 *
 * @param epoch the epoch, from 1
 * @param loss the training loss
 * @param validationLoss the validation loss, null without a validation part
 * @param accuracy the training accuracy, null unless a classifier
 * @param validationAccuracy the validation accuracy, null unless both
 */
public record EpochRecord(
    int epoch, double loss, Double validationLoss, Double accuracy, Double validationAccuracy) {

  static EpochRecord of(EpochMetrics m) {
    return new EpochRecord(
        m.epoch(), m.loss(), m.validationLoss(), m.accuracy(), m.validationAccuracy());
  }
}
