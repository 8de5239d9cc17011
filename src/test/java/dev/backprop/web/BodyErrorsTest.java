package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backprop.ServiceJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Jackson's failures, read with the service's settings, described in JSON terms. */
class BodyErrorsTest {

  static final JsonMapper JSON = ServiceJson.MAPPER;

  enum Colour {
    RED,
    GREEN
  }

  record Item(String name, List<Integer> sizes, int count, Colour colour) {}

  record Order(List<Item> items, Map<String, Object> parameters) {}

  static BodyErrors.BodyError read(String body) {
    JacksonException ex =
        catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, Order.class));
    assertThat(ex).as("Jackson refuses " + body).isNotNull();
    return BodyErrors.of(ex);
  }

  @Test
  void describesEachKindOfFailure() {
    assertThat(read("[]")).isEqualTo(new BodyErrors.BodyError("body", "must be an object"));
    assertThat(read("{\"items\": 1}").detail()).isEqualTo("items: must be an array");
    assertThat(read("{\"items\": [[]]}").detail()).isEqualTo("items[0]: must be an object");
    assertThat(read("{\"items\": [{\"sizes\": [\"x\"]}]}").detail())
        .isEqualTo("items[0].sizes[0]: 'x' is not a valid integer");
    assertThat(read("{\"items\": [{\"count\": 1.5}]}").detail())
        .isEqualTo("items[0].count: '1.5' is not a valid integer");
    assertThat(read("{\"items\": [{\"count\": null}]}").detail())
        .isEqualTo("items[0].count: must be an integer");
    assertThat(read("{\"items\": [{\"count\": 1, \"colour\": \"BLUE\"}]}").detail())
        .isEqualTo("items[0].colour: 'BLUE' is not one of [RED, GREEN]");
    assertThat(read("{\"items\": [{\"count\": 99999999999}]}").detail())
        .isEqualTo("items[0].count: is out of range for an integer");
    assertThat(read("{\"items\": [{\"count\": 1, \"size\": 1}]}").detail())
        .isEqualTo("items[0].size: is not a known field");
    assertThat(read("{\"items\": [").detail())
        .isEqualTo("body: ends before its JSON value is complete");
    assertThat(read("{\"items\" 1}").detail())
        .isEqualTo("body: is not valid JSON (line 1, column 10)");
    assertThat(read("{} []").detail())
        .isEqualTo("body: must be exactly one JSON value, with nothing after it");
  }
}
