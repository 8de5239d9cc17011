package dev.backprop.dataset;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.MediaType;
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
  static final String FORM = "DatasetForm";

  static {
    SpringDocUtils.getConfig()
        .replaceWithSchema(
            FeatureRows.class,
            new ArraySchema()
                .items(new ArraySchema().items(new NumberSchema().format("double")))
                .example(List.of(List.of(0, 0), List.of(0, 1), List.of(1, 0), List.of(1, 1))))
        .replaceWithSchema(
            JsonTargets.class,
            new ArraySchema().items(new Schema<>().$ref(TARGET_REF)).example(List.of(0, 1, 1, 0)));
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
        // Springdoc models List<JsonNode> items before their @Schema(ref) replaces them, leaving
        // JsonNode's getters as a schema nothing refers to.
        if (openApi.getComponents().getSchemas() != null) {
          openApi.getComponents().getSchemas().remove("JsonNode");
        }
      }
    };
  }

  /**
   * The upload form's parts as a named schema: generators model a named schema (the form's inline
   * one became a class that no generated file declared).
   */
  @Bean
  OpenApiCustomizer datasetFormSchema() {
    return openApi -> {
      PathItem uploads =
          openApi.getPaths() == null ? null : openApi.getPaths().get(DatasetController.PATH);
      if (uploads == null || uploads.getPost() == null) {
        return;
      }
      MediaType form =
          uploads
              .getPost()
              .getRequestBody()
              .getContent()
              .get(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE);
      if (form != null && form.getSchema() != null && form.getSchema().get$ref() == null) {
        openApi.getComponents().addSchemas(FORM, form.getSchema());
        form.setSchema(new Schema<>().$ref("#/components/schemas/" + FORM));
      }
    };
  }
}
