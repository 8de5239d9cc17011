package dev.backprop.web;

import dev.backprop.storage.DatabaseAvailability;
import dev.backprop.storage.DatabaseFailures;
import dev.backprop.storage.DatabaseUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.ObjectMapper;

/**
 * Any request that failed because the database cannot be reached, on any endpoint and whatever
 * Spring wrapped the failure in: 503 with {@code Retry-After} and a detail naming the cause, as a
 * problem detail, or {@code { "error" }} on {@code /v2}. Runs before the exception handlers of
 * {@link ProblemDetailsAdvice} and the inference protocol, which would answer 500.
 */
@Component
class DatabaseUnavailableResolver implements HandlerExceptionResolver, Ordered {

  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private final ObjectProvider<DatabaseAvailability> availability;
  private final ObjectMapper json;

  DatabaseUnavailableResolver(
      ObjectProvider<DatabaseAvailability> availability, ObjectMapper json) {
    this.availability = availability;
    this.json = json;
  }

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!DatabaseFailures.isUnreachable(ex)) {
      return null;
    }
    DatabaseAvailability database = availability.getIfAvailable();
    if (database != null) {
      database.reportFailure(ex);
    }
    DatabaseUnavailableException unavailable =
        ex instanceof DatabaseUnavailableException known
            ? known
            : new DatabaseUnavailableException(
                null, database != null ? database.retryAfter() : DEFAULT_RETRY_AFTER);
    try {
      ErrorResponses.write(request, response, json, unavailable);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModelAndView();
  }

  /** Before Spring MVC's own resolvers (order 0), after Boot's error-attribute recorder. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }
}
