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
 * The schema of a search's {@code space}: each hyperparameter names a list of values of its own
 * type (numbers, optimiser names, early-stopping objects). Springdoc models {@code List<Object>} as
 * a list of objects, which refuses the numbers every real space holds, so the lists' items are left
 * untyped here.
 */
@Configuration(proxyBeanMethods = false)
class SearchOpenApi {

  @Bean
  OpenApiCustomizer searchSpaceSchema() {
    return openApi -> {
      if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
        return;
      }
      Schema<?> request = openApi.getComponents().getSchemas().get("SearchRequest");
      if (request == null || request.getProperties() == null) {
        return;
      }
      Schema<Object> values = new ArraySchema().items(new Schema<>());
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
      request.getProperties().put("space", space);
    };
  }
}
