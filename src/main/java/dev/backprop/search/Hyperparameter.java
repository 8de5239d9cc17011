package dev.backprop.search;

import java.util.Arrays;
import java.util.Optional;

/** The training settings a search may vary: the names of a search's {@code space}. */
enum Hyperparameter {
  LEARNING_RATE("learningRate"),
  BATCH_SIZE("batchSize"),
  OPTIMIZER("optimizer"),
  MOMENTUM("momentum"),
  L2("l2"),
  EPOCHS("epochs"),
  EARLY_STOPPING("earlyStopping");

  private final String apiName;

  Hyperparameter(String apiName) {
    this.apiName = apiName;
  }

  /** The name in a search's space, which is also the training-job field it sets. */
  String apiName() {
    return apiName;
  }

  static Optional<Hyperparameter> fromName(String name) {
    return Arrays.stream(values()).filter(h -> h.apiName.equals(name)).findFirst();
  }

  static String names() {
    return String.join(", ", Arrays.stream(values()).map(Hyperparameter::apiName).toList());
  }
}
