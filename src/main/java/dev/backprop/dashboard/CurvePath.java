package dev.backprop.dashboard;

/**
 * Draws one curve: a {@code path} whose line breaks at gaps, and dots when there are few points.
 */
final class CurvePath {

  private CurvePath() {}

  static void draw(SvgWriter svg, ChartLayout at, Series s, NiceScale x, NiceScale y) {
    Thinning.Points points = Thinning.thin(s.epochs(), s.values());
    StringBuilder d = new StringBuilder(points.size() * 16);
    boolean penDown = false;
    int drawn = 0;
    for (int i = 0; i < points.size(); i++) {
      double v = points.values()[i];
      if (Double.isNaN(v)) {
        penDown = false;
        continue;
      }
      d.append(penDown ? 'L' : 'M');
      d.append(SvgWriter.number(x.map(points.epochs()[i], at.left(), at.right()))).append(' ');
      d.append(SvgWriter.number(y.map(v, at.bottom(), at.top())));
      penDown = true;
      drawn++;
    }
    svg.start(
        "g", "class", "curve", "data-series", s.label(), "stroke", s.colour(), "fill", s.colour());
    if (drawn > 0) {
      svg.empty(
          "path",
          "d",
          d.toString(),
          "fill",
          "none",
          "stroke-width",
          2,
          "stroke-linejoin",
          "round",
          "stroke-dasharray",
          s.dashed() ? "6 4" : null);
    }
    if (drawn <= CurvesChart.MAX_MARKERS) {
      for (int i = 0; i < points.size(); i++) {
        double v = points.values()[i];
        if (!Double.isNaN(v)) {
          svg.empty(
              "circle",
              "cx",
              x.map(points.epochs()[i], at.left(), at.right()),
              "cy",
              y.map(v, at.bottom(), at.top()),
              "r",
              2.5,
              "stroke",
              "none");
        }
      }
    }
    svg.end();
  }
}
