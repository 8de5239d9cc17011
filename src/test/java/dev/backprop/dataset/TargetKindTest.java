package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetKindTest {

  @Test
  void storedNamesRoundTrip() {
    assertThat(TargetKind.CATEGORICAL.apiName()).isEqualTo("categorical");
    assertThat(TargetKind.NUMERIC.apiName()).isEqualTo("numeric");
    for (TargetKind kind : TargetKind.values()) {
      assertThat(TargetKind.fromName(kind.apiName())).isEqualTo(kind);
    }
    assertThatThrownBy(() -> TargetKind.fromName("text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown target kind 'text'; allowed: categorical, numeric");
  }
}
