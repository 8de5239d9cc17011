package dev.backprop.training;

import dev.backprop.dataset.CompactColumns;
import dev.backprop.dataset.DatasetData;
import dev.backprop.dataset.DatasetInfo;
import dev.backprop.dataset.TargetKind;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.RowSource;
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

  /**
   * Checks what a data set's description alone tells about fitting the network: the width of its
   * rows, its classes against the output layer (or the network's labels), the width of its targets.
   * What only the rows tell (a class index out of range, a binary target outside [0, 1]) waits for
   * {@link #encode}.
   */
  static void check(DatasetInfo info, NetworkSpec spec, List<String> labels) {
    fit(info, spec, labels);
  }

  /**
   * The data with its targets as the output layer learns them. Every row is checked here, so that a
   * job fails before it trains; the encoded targets are not stored but computed row by row as
   * training reads them ({@link ClassTargets}), and numeric target vectors are read as they are.
   */
  static Encoded encode(DatasetData data, NetworkSpec spec, List<String> labels) {
    int[] classMap = fit(data.info(), spec, labels);
    int outputs = spec.outputs();
    boolean vectors = data.info().targetWidth() > 1 || outputs == 1;
    CompactColumns values = data.targets();
    RowSource targets;
    if (classMap != null) {
      targets = new ClassTargets(values, classMap, outputs);
    } else if (vectors) {
      for (int r = 0; r < values.rows(); r++) {
        checkBinary(spec, values, r);
      }
      targets = values;
    } else {
      for (int r = 0; r < values.rows(); r++) {
        classIndex(values.get(r, 0), outputs, r);
      }
      targets = new ClassTargets(values, null, outputs);
    }
    List<String> classLabels = labels;
    if (classLabels == null && classMap != null && spec.isClassifier()) {
      classLabels = data.info().classes();
    }
    return new Encoded(new TrainingData(data.features(), targets), classLabels);
  }

  /**
   * For each of a categorical target's classes, the output unit it trains; null for a numeric
   * target. Refuses a data set whose rows or targets cannot fit the network.
   */
  private static int[] fit(DatasetInfo info, NetworkSpec spec, List<String> labels) {
    if (info.columns() != spec.inputs()) {
      throw invalid(
          "dataset",
          "the data has "
              + info.columns()
              + " feature columns but the network takes "
              + spec.inputs()
              + " inputs");
    }
    if (info.targetKind() == TargetKind.CATEGORICAL) {
      return classMap(info.classes(), labels, spec);
    }
    int width = info.targetWidth();
    if ((width > 1 || spec.outputs() == 1) && width != spec.outputs()) {
      throw invalid(
          "targets",
          "each target has "
              + width
              + " numbers but the network has "
              + spec.outputs()
              + " outputs");
    }
    return null;
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

  private static void checkBinary(NetworkSpec spec, CompactColumns targets, int row) {
    if (spec.loss() != dev.backprop.engine.Loss.BINARY_CROSS_ENTROPY) {
      return;
    }
    for (int c = 0; c < targets.width(); c++) {
      float t = targets.get(row, c);
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
