package dev.backprop.dashboard;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a browser test class, with the reason, where Chromium or chromedriver is missing. A
 * condition rather than an assumption in {@code @BeforeAll}: the class is reported as skipped with
 * its reason, and the service is not even started.
 */
final class RequiresBrowser implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String missing = Browser.unavailable();
    if (missing == null) {
      return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
    }
    if (context.getTestMethod().isEmpty()) {
      System.err.println(context.getDisplayName() + " skipped: " + missing);
    }
    return ConditionEvaluationResult.disabled("no browser test: " + missing);
  }
}
