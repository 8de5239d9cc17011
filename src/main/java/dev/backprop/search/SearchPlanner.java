package dev.backprop.search;

import dev.backprop.domain.FieldError;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.training.CandidateJobs;
import dev.backprop.training.JobSettings;
import dev.backprop.training.TrainingJobRequest;
import dev.backprop.web.JsonPaths;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a search request into its plan: checks every field (naming it, as {@code base.epochs} or
 * {@code space.learningRate[2]}), then chooses the combinations and each candidate's settings. A
 * candidate's settings are the base's with its combination's values set, checked as a job's are.
 */
@Component
class SearchPlanner {

  private final CandidateJobs candidates;
  private final Validator validator;
  private final JsonMapper json;
  private final SearchProperties properties;
  private final SecureRandom seeds = new SecureRandom();

  SearchPlanner(
      CandidateJobs candidates, Validator validator, JsonMapper json, SearchProperties properties) {
    this.candidates = candidates;
    this.validator = validator;
    this.json = json;
    this.properties = properties;
  }

  SearchPlan plan(String network, SearchRequest request) {
    SearchStrategy strategy =
        SearchStrategy.fromName(or(request.strategy(), SearchStrategy.GRID.apiName()))
            .orElseThrow(() -> invalid("strategy", "must be 'grid' or 'random'"));
    SearchMetric metric =
        SearchMetric.fromName(or(request.metric(), SearchMetric.DEFAULT.apiName()))
            .orElseThrow(() -> invalid("metric", "must be one of " + SearchMetric.names()));
    if (request.maxDuration() != null
        && (request.maxDuration().isNegative() || request.maxDuration().isZero())) {
      throw invalid("maxDuration", "must be a positive ISO-8601 duration, e.g. PT10M");
    }
    ObjectNode base = base(request);
    JobSettings baseSettings = settings(network, base, name -> "base." + name);
    if (metric.needsValidation() && baseSettings.validationSplit() <= 0) {
      throw invalid(
          "metric",
          metric.apiName() + " needs a validation part: set base.validationSplit above 0");
    }
    Map<String, List<JsonNode>> space = checkSpace(network, base, tree(request.space()));
    Combinations combinations = combinations(space);
    int n = count(combinations.count(), request.maxCandidates());
    long seed = request.seed() == null ? seeds.nextLong() : request.seed();
    List<JobSettings> settings = new ArrayList<>();
    List<Map<String, JsonNode>> values = new ArrayList<>();
    for (long index : strategy.choose(combinations.count(), n, seed)) {
      Map<String, JsonNode> combination = combination(space, combinations.at(index));
      ObjectNode candidate = base.deepCopy();
      combination.forEach(candidate::set);
      settings.add(settings(network, candidate, name -> "space"));
      values.add(combination);
    }
    return new SearchPlan(
        strategy,
        metric,
        seed,
        request.maxCandidates(),
        request.maxDuration(),
        space,
        settings,
        values);
  }

  /** The shared fields, with the top-level data set and one seed for every candidate's training. */
  private ObjectNode base(SearchRequest request) {
    TrainingJobRequest given = request.base();
    ObjectNode base =
        given == null ? json.createObjectNode() : (ObjectNode) json.valueToTree(given);
    if (request.dataset() != null) {
      base.put("dataset", request.dataset());
    }
    if (!base.hasNonNull("seed")) {
      base.put("seed", seeds.nextLong());
    }
    return base;
  }

  private Map<String, List<JsonNode>> checkSpace(
      String network, ObjectNode base, Map<String, List<JsonNode>> space) {
    if (space == null || space.isEmpty()) {
      throw invalid("space", "must name at least one of " + Hyperparameter.names());
    }
    Map<String, List<JsonNode>> checked = new LinkedHashMap<>();
    space.forEach(
        (name, values) -> {
          String field = "space." + name;
          if (Hyperparameter.fromName(name).isEmpty()) {
            throw invalid(field, "unknown hyperparameter; one of " + Hyperparameter.names());
          }
          if (values == null || values.isEmpty()) {
            throw invalid(field, "must list at least one value");
          }
          for (int i = 0; i < values.size(); i++) {
            String item = field + "[" + i + "]";
            int first = values.indexOf(values.get(i));
            if (first < i) {
              throw invalid(item, "repeats " + field + "[" + first + "]");
            }
            ObjectNode one = base.deepCopy();
            one.set(name, values.get(i));
            settings(
                network,
                one,
                sub -> sub.startsWith(name) ? item + sub.substring(name.length()) : "base." + sub);
          }
          checked.put(name, List.copyOf(values));
        });
    return checked;
  }

  /** The space's values as JSON, as they are merged into each candidate's fields. */
  private Map<String, List<JsonNode>> tree(Map<String, List<Object>> space) {
    if (space == null) {
      return null;
    }
    Map<String, List<JsonNode>> tree = new LinkedHashMap<>();
    space.forEach(
        (name, values) ->
            tree.put(
                name,
                values == null
                    ? null
                    : values.stream()
                        .map(
                            v -> v == null ? NullNode.getInstance() : json.<JsonNode>valueToTree(v))
                        .toList()));
    return tree;
  }

  private static Combinations combinations(Map<String, List<JsonNode>> space) {
    try {
      return new Combinations(space.values().stream().mapToInt(List::size).toArray());
    } catch (ArithmeticException e) {
      throw invalid("space", "has more combinations than can be counted");
    }
  }

  /** How many candidates to run: every combination, or at most maxCandidates of them. */
  private int count(long combinations, Integer maxCandidates) {
    int limit = properties.maxCandidates();
    if (maxCandidates != null && maxCandidates > limit) {
      throw new LimitExceededException(
          LimitExceededException.Limit.VALUE,
          "maxCandidates",
          "at most "
              + limit
              + " candidates are allowed (backprop.search.max-candidates), got "
              + maxCandidates);
    }
    if (maxCandidates == null && combinations > limit) {
      throw invalid(
          "space",
          "has "
              + combinations
              + " combinations, more than the "
              + limit
              + " candidates a search may run (backprop.search.max-candidates): give"
              + " maxCandidates, or fewer values");
    }
    return (int) Math.min(combinations, maxCandidates == null ? limit : maxCandidates);
  }

  private static Map<String, JsonNode> combination(Map<String, List<JsonNode>> space, int[] at) {
    Map<String, JsonNode> combination = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, List<JsonNode>> entry : space.entrySet()) {
      combination.put(entry.getKey(), entry.getValue().get(at[i++]));
    }
    return combination;
  }

  /**
   * Reads and checks a candidate's fields as a job's, naming refused fields with {@code rename}.
   */
  private JobSettings settings(String network, ObjectNode fields, UnaryOperator<String> rename) {
    TrainingJobRequest request;
    try {
      request = json.treeToValue(fields, TrainingJobRequest.class);
    } catch (JacksonException e) {
      throw invalid(rename.apply(JsonPaths.of(e.getPath())), JsonPaths.describe(e));
    }
    Set<ConstraintViolation<TrainingJobRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      List<FieldError> errors =
          violations.stream()
              .map(
                  v -> new FieldError(rename.apply(v.getPropertyPath().toString()), v.getMessage()))
              .sorted(Comparator.comparing(FieldError::field))
              .toList();
      throw new InvalidFieldException(Subject.REQUEST, listing(errors), errors);
    }
    try {
      return candidates.check(network, request);
    } catch (InvalidFieldException e) {
      throw e.renamed(rename);
    } catch (LimitExceededException e) {
      FieldError error = e.errors().isEmpty() ? null : e.errors().get(0);
      throw error == null
          ? e
          : new LimitExceededException(e.limit(), rename.apply(error.field()), e.getMessage());
    }
  }

  private static String listing(List<FieldError> errors) {
    return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
  }

  static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(Subject.REQUEST, field, message);
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
