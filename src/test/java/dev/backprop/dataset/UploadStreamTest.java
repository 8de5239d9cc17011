package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.web.LimitsProperties;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON upload's class labels are read from the parser's characters, trimmed, with the problems of
 * reading them as nodes; other targets are read as nodes.
 */
class UploadStreamTest {

  static DatasetUpload read(String targets) {
    return JsonMapper.builder()
        .build()
        .readerFor(DatasetUpload.class)
        .withAttribute(LimitsProperties.class, DatasetParserTest.LIMITS)
        .readValue("{\"name\":\"d\",\"features\":[[1],[2],[3],[4]],\"targets\":" + targets + "}");
  }

  @Test
  void labelsAreTrimmedAndTheirClassesSorted() {
    TargetColumn column = read("[\" b\", \"a \", \"b\", \"\\u00e9\"]").targets().build();

    assertThat(column.kind()).isEqualTo(TargetKind.CATEGORICAL);
    assertThat(column.classes()).containsExactly("a", "b", "é");
    List<Integer> values = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      values.add((int) column.values().get(r, 0));
    }
    assertThat(values).containsExactly(1, 0, 1, 2);
  }

  @Test
  void aBlankLabelOrAnotherKindOfValueIsNamed() {
    assertThatThrownBy(() -> read("[\"a\", \"  \", \"b\", \"c\"]"))
        .hasRootCauseInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("targets[1]")
        .hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> read("[\"a\", 1, \"b\", \"c\"]"))
        .hasMessageContaining("targets[1]")
        .hasMessageContaining("must be a string");
    assertThatThrownBy(() -> read("[1, \"a\", 2, 3]"))
        .hasMessageContaining("targets[1]")
        .hasMessageContaining("must be a number");
  }

  @Test
  void numbersAreStillNumbers() {
    TargetColumn column = read("[1, 2.5, 3, 4]").targets().build();

    assertThat(column.kind()).isEqualTo(TargetKind.NUMERIC);
    assertThat(column.values().get(1, 0)).isEqualTo(2.5f);
  }
}
