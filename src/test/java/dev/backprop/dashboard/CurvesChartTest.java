package dev.backprop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.training.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurvesChartTest {

  static List<EpochRecord> classifier(int epochs) {
    List<EpochRecord> history = new ArrayList<>(epochs);
    for (int e = 1; e <= epochs; e++) {
      double loss = 1.1 * Math.exp(-e / 30.0) + 0.05;
      history.add(new EpochRecord(e, loss, loss * 1.1, 1 - loss / 1.2, 1 - loss / 1.15));
    }
    return history;
  }

  static List<EpochRecord> regression(int epochs) {
    List<EpochRecord> history = new ArrayList<>(epochs);
    for (int e = 1; e <= epochs; e++) {
      history.add(new EpochRecord(e, 10.0 / e, null, null, null));
    }
    return history;
  }

  static ParsedSvg render(int planned, List<EpochRecord> history) {
    return ParsedSvg.parse(
        CurvesChart.render(
            new CurvesChart.Curves("iris: training job 0b7c2a4e", "RUNNING", planned, history)));
  }

  @Test
  void aClassifierHasFourCurvesWithOnePointPerEpochAndTwoAxes() {
    ParsedSvg svg = render(200, classifier(100));
    Map<String, String> curves = svg.curves();
    assertThat(curves.keySet())
        .containsExactly("loss", "validation loss", "accuracy", "validation accuracy");
    curves.values().forEach(d -> assertThat(ParsedSvg.points(d)).hasSize(100));
    assertThat(svg.texts())
        .contains("epoch", "loss", "accuracy", "iris: training job 0b7c2a4e")
        .contains("loss (left)", "validation loss (left)", "accuracy (right)")
        .contains("validation accuracy (right)");
    // The running job's axis spans the 200 epochs asked for.
    assertThat(svg.texts()).contains("0", "200");
    assertThat(svg.title()).isEqualTo("iris: training job 0b7c2a4e");
  }

  @Test
  void pointsRunLeftToRightAndTheLossFalls() {
    List<double[]> loss = ParsedSvg.points(render(100, classifier(100)).curves().get("loss"));
    for (int i = 1; i < loss.size(); i++) {
      assertThat(loss.get(i)[0]).isGreaterThan(loss.get(i - 1)[0]);
      // SVG's y grows downwards: a falling loss has a growing y.
      assertThat(loss.get(i)[1]).isGreaterThanOrEqualTo(loss.get(i - 1)[1]);
    }
  }

  @Test
  void aRegressionHasOnlyTheLossAxis() {
    ParsedSvg svg = render(50, regression(50));
    assertThat(svg.curves().keySet()).containsExactly("loss");
    assertThat(svg.texts()).contains("loss", "epoch").doesNotContain("accuracy");
    // Ticks of the loss axis: 0 to 10, nice steps.
    assertThat(svg.texts()).contains("0", "2", "4", "6", "8", "10");
  }

  @Test
  void noEpochsDrawsEmptyAxes() {
    ParsedSvg svg = render(200, List.of());
    assertThat(svg.texts()).contains("no epochs yet", "epoch", "loss", "200");
    assertThat(svg.curves()).containsEntry("loss", "");
    assertThat(svg.elements("desc").get(0).getTextContent()).isEqualTo("No epochs yet.");
  }

  @Test
  void oneEpochIsOnePointWithAVisibleDot() {
    ParsedSvg svg = render(1, classifier(1));
    assertThat(ParsedSvg.points(svg.curves().get("loss"))).hasSize(1);
    assertThat(svg.elements("circle")).hasSize(4);
  }

  @Test
  void aHundredThousandEpochsAreThinnedAndKeepTheirSpike() {
    List<EpochRecord> history = new ArrayList<>(regression(100_000));
    history.set(77_777, new EpochRecord(77_778, 500.0, null, null, null));
    String svgText = CurvesChart.render(new CurvesChart.Curves("long", "SUCCEEDED", 0, history));
    ParsedSvg svg = ParsedSvg.parse(svgText);
    List<double[]> points = ParsedSvg.points(svg.curves().get("loss"));
    assertThat(points).hasSizeLessThanOrEqualTo(Thinning.MAX_POINTS).hasSizeGreaterThan(1000);
    // The spike is the top of the loss axis, y = the plot's top edge.
    double top = ChartLayout.standard(false).top();
    assertThat(points.stream().mapToDouble(p -> p[1]).min().orElseThrow()).isEqualTo(top);
    assertThat(String.join(" ", svg.texts())).contains("thinned");
    assertThat(svgText.length()).isLessThan(200_000);
    assertThat(svg.elements("circle")).isEmpty();
  }

  @Test
  void nanAndInfiniteLossesAreGapsNeverInvalidNumbers() {
    List<EpochRecord> history = new ArrayList<>(classifier(30));
    history.set(9, new EpochRecord(10, Double.NaN, Double.NaN, 0.5, 0.5));
    history.set(19, new EpochRecord(20, Double.POSITIVE_INFINITY, 1.0, 0.5, 0.5));
    String text = CurvesChart.render(new CurvesChart.Curves("t", "FAILED", 30, history));
    assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
    ParsedSvg svg = ParsedSvg.parse(text);
    String loss = svg.curves().get("loss");
    assertThat(ParsedSvg.points(loss)).hasSize(28);
    assertThat(ParsedSvg.lines(loss)).isEqualTo(3);
    assertThat(ParsedSvg.lines(svg.curves().get("validation loss"))).isEqualTo(2);
    assertThat(String.join(" ", svg.texts())).contains("2 epochs not finite (gaps)");
  }

  @Test
  void onlyNanLossesStillDrawAValidPicture() {
    List<EpochRecord> history = new ArrayList<>();
    for (int e = 1; e <= 5; e++) {
      history.add(new EpochRecord(e, Double.NaN, null, null, null));
    }
    ParsedSvg svg = render(5, history);
    assertThat(svg.curves()).containsEntry("loss", "");
    assertThat(svg.texts()).contains("0", "1");
  }

  @Test
  void hugeLossesStillHaveTicks() {
    List<EpochRecord> history =
        List.of(
            new EpochRecord(1, 1.7e308, null, null, null),
            new EpochRecord(2, 3.0, null, null, null));
    ParsedSvg svg = render(2, history);
    assertThat(ParsedSvg.points(svg.curves().get("loss"))).hasSize(2);
  }

  @Test
  void titlesFromDataAreEscaped() {
    String title = "<script>alert('x')</script> & \u0001";
    String text = CurvesChart.render(new CurvesChart.Curves(title, "\"quoted\"", 3, classifier(3)));
    assertThat(text).doesNotContain("<script>");
    ParsedSvg svg = ParsedSvg.parse(text);
    assertThat(svg.title()).isEqualTo("<script>alert('x')</script> & \uFFFD");
    assertThat(svg.elements("script")).isEmpty();
    assertThat(svg.texts()).contains("\"quoted\"");
  }
}
