package dev.backprop.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.backprop.engine.ApiNamed;

/**
 * What a data set's target holds. A target column is {@code categorical} if and only if at least
 * one of its values is not a number (so wine's {@code 0, 1, 2} is {@code numeric}); its values are
 * then class labels.
 */
public enum TargetKind implements ApiNamed {
  /** Class labels; stored as the index of the label in the sorted {@code classes}. */
  @JsonProperty("categorical")
  CATEGORICAL,
  /** Numbers (one per row, or a vector of {@code targetWidth} numbers), stored as they are. */
  @JsonProperty("numeric")
  NUMERIC;

  /** The kind stored under {@code name} (its {@link #apiName()}). */
  static TargetKind fromName(String name) {
    return ApiNamed.parse(TargetKind.class, name, "target kind");
  }
}
