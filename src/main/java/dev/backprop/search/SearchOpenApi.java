package dev.backprop.search;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schemas of a search's {@code space} and of a candidate's {@code hyperparameters}: each
 * hyperparameter holds values of its own type (numbers, optimiser names, early-stopping objects or
 * null). Springdoc models {@code Object} as an object, which refuses the numbers every real search
 * holds, so those values are left untyped here.
 */
@Configuration(proxyBeanMethods = false)
class SearchOpenApi {

  @Bean
  OpenApiCustomizer searchValueSchemas() {
    return openApi -> {
      if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
        return;
      }
      var schemas = openApi.getComponents().getSchemas();
      replace(schemas.get("SearchRequest"), "space", space());
      replace(schemas.get("SearchResponse"), "space", space());
      replace(schemas.get("Candidate"), "hyperparameters", hyperparameters());
      replace(schemas.get("Entry"), "hyperparameters", hyperparameters());
    };
  }

  private static void replace(Schema<?> owner, String property, Schema<?> replacement) {
    if (owner != null && owner.getProperties() != null) {
      owner.getProperties().put(property, replacement);
    }
  }

  /** Any JSON value, null included: OpenAPI 3.0's schema without a type. */
  private static Schema<Object> anyValue() {
    return new Schema<>();
  }

  private static Schema<Object> space() {
    Schema<Object> values = new ArraySchema().items(anyValue());
    values.setDescription("The values this hyperparameter takes, at least one.");
    Schema<Object> space = new ObjectSchema();
    space.setAdditionalProperties(values);
    space.setDescription(
        "For any of learningRate, batchSize, optimizer, momentum, l2, epochs, earlyStopping: a"
            + " list of values.");
    Map<String, List<Object>> example = new LinkedHashMap<>(); // in this order, every run
    example.put("learningRate", List.of(0.01, 0.05, 0.1));
    example.put("optimizer", List.of("sgd", "adam"));
    example.put("batchSize", List.of(16, 32));
    space.setExample(example);
    return space;
  }

  private static Schema<Object> hyperparameters() {
    Schema<Object> chosen = new ObjectSchema();
    chosen.setAdditionalProperties(anyValue());
    chosen.setDescription("The value the candidate took for each hyperparameter of the space.");
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("learningRate", 0.05);
    example.put("optimizer", "adam");
    example.put("batchSize", 16);
    chosen.setExample(example);
    return chosen;
  }
}
