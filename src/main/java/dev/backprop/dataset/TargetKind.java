package dev.backprop.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a data set's target holds. A target column is {@code categorical} if and only if at least
 * one of its values is not a number (so wine's {@code 0, 1, 2} is {@code numeric}); its values are
 * then class labels.
 */
public enum TargetKind {
  /** Class labels; stored as the index of the label in the sorted {@code classes}. */
  @JsonProperty("categorical")
  CATEGORICAL("categorical"),
  /** Numbers (one per row, or a vector of {@code targetWidth} numbers), stored as they are. */
  @JsonProperty("numeric")
  NUMERIC("numeric");

  private final String value;

  TargetKind(String value) {
    this.value = value;
  }

  /** The name used in JSON and in the database. */
  public String value() {
    return value;
  }

  static TargetKind of(String value) {
    for (TargetKind kind : values()) {
      if (kind.value.equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown target kind '" + value + "'");
  }
}
