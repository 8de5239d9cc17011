package dev.backprop.dataset;

/** The rule for data set names: like a DNS label, so they fit in URLs and Kubernetes names. */
final class DatasetNames {

  static final String PATTERN = "^[a-z][a-z0-9-]{0,62}$";
  static final String MESSAGE =
      "must be 1 to 63 characters of a-z, 0-9 and '-', starting with a letter";

  private DatasetNames() {}

  static boolean isValid(String name) {
    return name != null && name.matches(PATTERN);
  }
}
