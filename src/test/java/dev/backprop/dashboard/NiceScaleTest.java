package dev.backprop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NiceScaleTest {

  @Test
  void widensToNiceEndsWithOneTwoOrFiveSteps() {
    NiceScale s = NiceScale.covering(0, 1.08, 6, false);
    assertThat(s.min()).isZero();
    assertThat(s.max()).isEqualTo(1.2);
    assertThat(s.step()).isEqualTo(0.2);
    assertThat(s.ticks()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2);
    assertThat(s.ticks().stream().map(s::label))
        .containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2");
  }

  @Test
  void epochTicksAreWholeNumbers() {
    NiceScale s = NiceScale.covering(0, 200, 9, true);
    assertThat(s.step()).isEqualTo(20);
    assertThat(s.ticks()).hasSize(11).startsWith(0.0, 20.0).endsWith(200.0);
    assertThat(NiceScale.covering(0, 1, 9, true).ticks()).containsExactly(0.0, 1.0);
    assertThat(NiceScale.covering(0, 3, 9, true).step()).isEqualTo(1);
    assertThat(NiceScale.covering(0, 100_000, 9, true).label(20_000)).isEqualTo("20000");
  }

  @Test
  void anEmptyRangeIsWidenedAroundItsValue() {
    NiceScale s = NiceScale.covering(0.5, 0.5, 6, false);
    assertThat(s.min()).isLessThan(0.5);
    assertThat(s.max()).isGreaterThan(0.5);
    assertThat(NiceScale.covering(0, 0, 6, false).ticks()).contains(-1.0, 0.0, 1.0);
  }

  @Test
  void tinyAndHugeRangesGetExponents() {
    assertThat(NiceScale.covering(0, 0.0003, 6, false).label(0.0001)).isEqualTo("1.0e-4");
    NiceScale huge = NiceScale.covering(0, 3e9, 6, false);
    assertThat(huge.label(1e9)).isEqualTo("1.0e9");
    NiceScale extreme = NiceScale.covering(0, 1.7e308, 6, false);
    assertThat(extreme.ticks()).hasSize(5).allMatch(Double::isFinite);
    assertThat(extreme.map(1.7e308, 0, 100)).isEqualTo(100);
  }

  @Test
  void mapsOntoPixelsEitherWay() {
    NiceScale s = NiceScale.covering(0, 10, 6, false);
    assertThat(s.map(5, 100, 300)).isEqualTo(200);
    assertThat(s.map(10, 300, 100)).isEqualTo(100);
  }

  @Test
  void refusesWhatIsNotARange() {
    assertThatThrownBy(() -> NiceScale.covering(Double.NaN, 1, 6, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NiceScale.covering(2, 1, 6, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
