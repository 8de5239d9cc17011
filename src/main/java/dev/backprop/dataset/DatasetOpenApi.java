package dev.backprop.dataset;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI schema of one JSON target value (a number, a class label, or a vector of numbers),
 * which springdoc cannot derive from Jackson's {@code JsonNode}. Other request bodies holding such
 * targets (inline training data) may refer to it: {@code @Schema(ref = DatasetOpenApi.TARGET_REF)}.
 *
 * <p>A JSON upload's two arrays are read straight into {@link FeatureRows} and {@link JsonTargets};
 * in the document they are what the client sends, JSON arrays.
 */
@Configuration(proxyBeanMethods = false)
public class DatasetOpenApi {

  public static final String TARGET = "DatasetTarget";
  public static final String TARGET_REF = "#/components/schemas/" + TARGET;

  static {
    SpringDocUtils.getConfig()
        .replaceWithSchema(FeatureRows.class, new ArraySchema())
        .replaceWithSchema(JsonTargets.class, new ArraySchema());
  }

  @Bean
  OpenApiCustomizer datasetTargetSchema() {
    return openApi -> {
      Schema<Object> target = new Schema<>();
      target.setDescription(
          "One example's target: a number, a class label (string), or an array of k numbers (a"
              + " target vector of width k).");
      target.setOneOf(
          List.of(
              new NumberSchema(), new StringSchema(), new ArraySchema().items(new NumberSchema())));
      if (openApi.getComponents() != null) {
        openApi.getComponents().addSchemas(TARGET, target);
      }
    };
  }
}
