package dev.backprop.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.domain.InvalidFieldException.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidFieldExceptionTest {

  @Test
  void renamingFieldsRenamesThemInTheDetailToo() {
    InvalidFieldException renamed =
        new InvalidFieldException(Subject.NETWORK, "layers[0].activation", "unknown 'relu6'")
            .renamed(field -> "network." + field);

    assertThat(renamed.subject()).isEqualTo(Subject.NETWORK);
    assertThat(renamed.errors())
        .containsExactly(new FieldError("network.layers[0].activation", "unknown 'relu6'"));
    assertThat(renamed).hasMessage("network.layers[0].activation: unknown 'relu6'");
  }

  @Test
  void aDetailThatIsNotAListOfFieldsIsKept() {
    InvalidFieldException ex =
        new InvalidFieldException(
            Subject.DATASET,
            "the targets do not match the output layer",
            List.of(new FieldError("targets", "has 2 columns"), new FieldError("dataset", "x")));

    InvalidFieldException renamed = ex.renamed(f -> f.equals("targets") ? "data.targets" : f);

    assertThat(renamed).hasMessage("the targets do not match the output layer");
    assertThat(renamed.errors())
        .extracting(FieldError::field)
        .containsExactly("data.targets", "dataset");
  }
}
