package dev.backprop.training;

import dev.backprop.dataset.DatasetData;
import dev.backprop.dataset.TargetKind;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.TrainingData;
import java.util.List;

/**
 * Turns a data set's target column into the target vectors the output layer learns, by the rules of
 * the API: categorical values are matched to the network's labels (or else to the data set's
 * classes) and one-hot encoded; integer targets of a softmax output are class indices; a single
 * output unit learns the value itself; a target of k numbers is the target vector.
 */
final class TargetEncoder {

  private TargetEncoder() {}

  /**
   * The encoded data and the label of each class the output learns.
   *
   * @param data features and target vectors
   * @param labels the network's labels, else the data set's classes; null for regression
   */
  record Encoded(TrainingData data, List<String> labels) {}

  static Encoded encode(DatasetData data, NetworkSpec spec, List<String> labels) {
    int rows = data.features().length;
    int width = data.features().length == 0 ? 0 : data.features()[0].length;
    if (width != spec.inputs()) {
      throw invalid(
          "dataset",
          "the data has "
              + width
              + " feature columns but the network takes "
              + spec.inputs()
              + " inputs");
    }
    int outputs = spec.outputs();
    float[][] targets = new float[rows][];
    boolean categorical = data.info().targetKind() == TargetKind.CATEGORICAL;
    int targetWidth = data.targets().length == 0 ? 1 : data.targets()[0].length;
    int[] classMap = categorical ? classMap(data.info().classes(), labels, spec) : null;
    for (int r = 0; r < rows; r++) {
      float[] target = data.targets()[r];
      if (categorical) {
        targets[r] = classTarget(classMap[(int) target[0]], spec);
      } else if (targetWidth > 1 || outputs == 1) {
        if (target.length != outputs) {
          throw invalid(
              "targets",
              "row "
                  + (r + 1)
                  + " has a target of "
                  + target.length
                  + " numbers but the network"
                  + " has "
                  + outputs
                  + " outputs");
        }
        checkBinary(spec, target, r);
        targets[r] = target.clone();
      } else {
        targets[r] = classTarget(classIndex(target[0], outputs, r), spec);
      }
    }
    List<String> classLabels = labels;
    if (classLabels == null && categorical && spec.isClassifier()) {
      classLabels = data.info().classes();
    }
    return new Encoded(new TrainingData(data.features(), targets), classLabels);
  }

  /** For each of the data set's classes, the output unit it trains. */
  private static int[] classMap(List<String> classes, List<String> labels, NetworkSpec spec) {
    int outputs = spec.outputs();
    int units = outputs == 1 ? 2 : outputs;
    int[] map = new int[classes.size()];
    if (labels != null) {
      for (int c = 0; c < classes.size(); c++) {
        map[c] = labels.indexOf(classes.get(c));
        if (map[c] < 0) {
          throw invalid(
              "targets",
              "the value '" + classes.get(c) + "' is none of the network's labels " + labels);
        }
      }
      return map;
    }
    if (classes.size() > units) {
      throw invalid(
          "targets",
          "the data has "
              + classes.size()
              + " classes but the network's output layer has "
              + outputs
              + " units");
    }
    for (int c = 0; c < classes.size(); c++) {
      map[c] = c;
    }
    return map;
  }

  private static int classIndex(float value, int outputs, int row) {
    if (value != Math.rint(value) || value < 0 || value >= outputs) {
      throw invalid(
          "targets",
          "row "
              + (row + 1)
              + ": "
              + value
              + " is no class index 0.."
              + (outputs - 1)
              + " of the softmax output");
    }
    return (int) value;
  }

  /** One-hot for k outputs; for a single sigmoid unit, the class index itself (0 or 1). */
  private static float[] classTarget(int index, NetworkSpec spec) {
    int outputs = spec.outputs();
    if (outputs == 1) {
      return new float[] {index};
    }
    float[] oneHot = new float[outputs];
    oneHot[index] = 1f;
    return oneHot;
  }

  private static void checkBinary(NetworkSpec spec, float[] target, int row) {
    if (spec.loss() != dev.backprop.engine.Loss.BINARY_CROSS_ENTROPY) {
      return;
    }
    for (float t : target) {
      if (t < 0 || t > 1) {
        throw invalid(
            "targets",
            "row " + (row + 1) + ": binary_cross_entropy needs targets between 0 and 1, got " + t);
      }
    }
  }

  private static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(Subject.DATASET, field, message);
  }
}
