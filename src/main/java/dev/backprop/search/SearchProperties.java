package dev.backprop.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hyperparameter searches are bounded and watched.
 *
 * @param maxCandidates the most candidates (training jobs) one search may have: a larger {@code
 *     maxCandidates} is refused, and so is a space of more combinations when {@code maxCandidates}
 *     is omitted
 * @param checkInterval how often each replica looks for searches to end (all candidates done, or
 *     {@code maxDuration} passed) and recounts the searches-by-status gauge; a candidate ending on
 *     a replica ends its search at once, this catches the rest (a replica killed meanwhile)
 * @param eventPollInterval how often a search's event stream looks for candidates that ended
 */
@ConfigurationProperties("backprop.search")
public record SearchProperties(
    @DefaultValue("100") int maxCandidates,
    @DefaultValue("2s") Duration checkInterval,
    @DefaultValue("500ms") Duration eventPollInterval) {

  public SearchProperties {
    if (maxCandidates < 1) {
      throw new IllegalArgumentException("backprop.search.max-candidates must be >= 1");
    }
  }
}
