package dev.backprop.prediction;

import dev.backprop.engine.NetworkSpec;
import dev.backprop.network.TrainedVersion;
import java.util.ArrayList;
import java.util.List;

/** The predicted class of each row of a classifier's outputs. */
final class Labels {

  private Labels() {}

  /** Null unless the version is a classifier; class indices where it has no labels. */
  static List<String> of(TrainedVersion trained, float[][] outputs) {
    NetworkSpec spec = trained.model().spec();
    if (!spec.isClassifier()) {
      return null;
    }
    List<String> labels = trained.labels();
    List<String> predicted = new ArrayList<>(outputs.length);
    for (float[] row : outputs) {
      int index = row.length == 1 ? (row[0] >= 0.5f ? 1 : 0) : argmax(row);
      predicted.add(
          labels != null && index < labels.size() ? labels.get(index) : Integer.toString(index));
    }
    return predicted;
  }

  static int argmax(float[] row) {
    int best = 0;
    for (int j = 1; j < row.length; j++) {
      if (row[j] > row[best]) {
        best = j;
      }
    }
    return best;
  }
}
