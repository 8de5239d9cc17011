package dev.backprop.dataset;

import java.util.List;

/**
 * What elsewhere in the service still needs a data set: the training jobs that are queued or
 * running on it. Implemented by the feature that has such jobs, so that this package depends on
 * none of the features that use data sets.
 */
public interface DatasetDependents {

  /** How each queued or running job that will read {@code dataset} is named to a client. */
  List<String> dependentsOf(String dataset);

  /** Cancels every queued or running job that will read {@code dataset}. */
  void cancelDependentsOf(String dataset);
}
