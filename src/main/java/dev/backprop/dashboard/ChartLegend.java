package dev.backprop.dashboard;

import java.util.List;

/** Draws the legend: one entry per curve, a sample of its line and its name, in one centred row. */
final class ChartLegend {

  private static final double SAMPLE = 28;
  private static final double GAP = 8;
  private static final double SPACING = 24;

  /** Helvetica at 13 units is about this wide per character, enough to space the entries. */
  private static final double CHARACTER = 6.8;

  private ChartLegend() {}

  static void draw(SvgWriter svg, ChartLayout at, List<Series> series) {
    boolean twoAxes = series.stream().anyMatch(Series::accuracy);
    double total = -SPACING;
    for (Series s : series) {
      total += width(label(s, twoAxes)) + SPACING;
    }
    double x = at.width() / 2.0 - total / 2;
    double y = at.height() - 22;
    svg.start("g", "class", "legend", "font-size", 13, "fill", ChartAxes.AXIS_COLOUR);
    for (Series s : series) {
      String label = label(s, twoAxes);
      svg.empty(
          "line",
          "x1",
          x,
          "x2",
          x + SAMPLE,
          "y1",
          y - 4,
          "y2",
          y - 4,
          "stroke",
          s.colour(),
          "stroke-width",
          2.5,
          "stroke-dasharray",
          s.dashed() ? "6 4" : null);
      svg.text("text", label, "x", x + SAMPLE + GAP, "y", y);
      x += width(label) + SPACING;
    }
    svg.end();
  }

  private static String label(Series s, boolean twoAxes) {
    if (!twoAxes) {
      return s.label();
    }
    return s.label() + (s.accuracy() ? " (right)" : " (left)");
  }

  private static double width(String label) {
    return SAMPLE + GAP + label.length() * CHARACTER;
  }
}
