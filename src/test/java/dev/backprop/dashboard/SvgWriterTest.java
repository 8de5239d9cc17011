package dev.backprop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SvgWriterTest {

  @Test
  void writesNestedElementsWithEscapedTextAndAttributes() {
    String svg =
        new SvgWriter(100, 50)
            .start("g", "class", "a\"b", "skipped", null)
            .text("text", "x < y & 'z'", "x", 1.234)
            .empty("circle", "r", 2.5)
            .finish();
    ParsedSvg parsed = ParsedSvg.parse(svg);
    assertThat(parsed.texts()).containsExactly("x < y & 'z'");
    assertThat(parsed.elements("g").get(0).getAttribute("class")).isEqualTo("a\"b");
    assertThat(parsed.elements("g").get(0).hasAttribute("skipped")).isFalse();
    assertThat(parsed.elements("text").get(0).getAttribute("x")).isEqualTo("1.23");
    assertThat(parsed.document().getDocumentElement().getAttribute("viewBox"))
        .isEqualTo("0 0 100 50");
  }

  @Test
  void numbersHaveAtMostTwoDecimalsAndNoNegativeZero() {
    assertThat(SvgWriter.number(1.0)).isEqualTo("1");
    assertThat(SvgWriter.number(-0.001)).isEqualTo("0");
    assertThat(SvgWriter.number(12.345)).isEqualTo("12.35");
    assertThat(SvgWriter.number(-7.5)).isEqualTo("-7.5");
    assertThat(SvgWriter.number(0.05)).isEqualTo("0.05");
    assertThatThrownBy(() -> SvgWriter.number(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void charactersXmlCannotHoldAreReplaced() {
    assertThat(SvgWriter.escape("a\u0000b\uD800c\tD")).isEqualTo("a\uFFFDb\uFFFDc\tD");
    assertThat(SvgWriter.escape("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void refusesMisuse() {
    SvgWriter svg = new SvgWriter(1, 1);
    assertThatThrownBy(() -> svg.empty("a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> svg.empty("g", "odd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> svg.empty("g", "on click", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    svg.finish();
    assertThatThrownBy(svg::end).isInstanceOf(IllegalStateException.class);
  }
}
