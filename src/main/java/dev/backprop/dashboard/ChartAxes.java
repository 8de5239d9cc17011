package dev.backprop.dashboard;

/** Draws a chart's grid, axes, ticks, tick labels and axis titles. */
final class ChartAxes {

  static final String AXIS_COLOUR = "#374151";
  static final String GRID_COLOUR = "#e5e7eb";
  private static final int TICK = 5;

  private ChartAxes() {}

  /**
   * Draws the epoch axis at the bottom, the loss axis on the left and, when {@code accuracy} is not
   * null, the accuracy axis on the right.
   */
  static void draw(
      SvgWriter svg, ChartLayout at, NiceScale epochs, NiceScale loss, NiceScale accuracy) {
    svg.start("g", "class", "grid", "stroke", GRID_COLOUR, "stroke-width", 1);
    for (double tick : loss.ticks()) {
      double y = loss.map(tick, at.bottom(), at.top());
      svg.empty("line", "x1", at.left(), "x2", at.right(), "y1", y, "y2", y);
    }
    for (double tick : epochs.ticks()) {
      double x = epochs.map(tick, at.left(), at.right());
      svg.empty("line", "x1", x, "x2", x, "y1", at.top(), "y2", at.bottom());
    }
    svg.end();

    svg.start("g", "class", "axes", "stroke", AXIS_COLOUR, "stroke-width", 1, "fill", "none");
    svg.empty("line", "x1", at.left(), "x2", at.right(), "y1", at.bottom(), "y2", at.bottom());
    svg.empty("line", "x1", at.left(), "x2", at.left(), "y1", at.top(), "y2", at.bottom());
    if (accuracy != null) {
      svg.empty("line", "x1", at.right(), "x2", at.right(), "y1", at.top(), "y2", at.bottom());
    }
    svg.end();

    svg.start("g", "class", "ticks", "fill", AXIS_COLOUR, "font-size", 12);
    epochTicks(svg, at, epochs);
    verticalTicks(svg, at, loss, at.left(), -1);
    if (accuracy != null) {
      verticalTicks(svg, at, accuracy, at.right(), 1);
    }
    svg.end();

    svg.start("g", "class", "axis-titles", "fill", AXIS_COLOUR, "font-size", 13);
    svg.text("text", "epoch", "x", at.centreX(), "y", at.bottom() + 42, "text-anchor", "middle");
    rotatedTitle(svg, "loss", at.left() - 56, at.centreY(), -90);
    if (accuracy != null) {
      rotatedTitle(svg, "accuracy", at.right() + 56, at.centreY(), 90);
    }
    svg.end();
  }

  private static void epochTicks(SvgWriter svg, ChartLayout at, NiceScale epochs) {
    for (double tick : epochs.ticks()) {
      double x = epochs.map(tick, at.left(), at.right());
      svg.empty(
          "line",
          "x1",
          x,
          "x2",
          x,
          "y1",
          at.bottom(),
          "y2",
          at.bottom() + TICK,
          "stroke",
          AXIS_COLOUR);
      svg.text(
          "text",
          epochs.label(tick),
          "x",
          x,
          "y",
          at.bottom() + TICK + 14,
          "text-anchor",
          "middle");
    }
  }

  /** Ticks of a vertical axis at {@code x}, pointing left ({@code side} -1) or right (1). */
  private static void verticalTicks(
      SvgWriter svg, ChartLayout at, NiceScale scale, double x, int side) {
    for (double tick : scale.ticks()) {
      double y = scale.map(tick, at.bottom(), at.top());
      svg.empty("line", "x1", x, "x2", x + side * TICK, "y1", y, "y2", y, "stroke", AXIS_COLOUR);
      svg.text(
          "text",
          scale.label(tick),
          "x",
          x + side * (TICK + 4),
          "y",
          y + 4,
          "text-anchor",
          side < 0 ? "end" : "start");
    }
  }

  private static void rotatedTitle(SvgWriter svg, String title, double x, double y, int degrees) {
    svg.text(
        "text",
        title,
        "x",
        x,
        "y",
        y,
        "text-anchor",
        "middle",
        "transform",
        "rotate(" + degrees + " " + SvgWriter.number(x) + " " + SvgWriter.number(y) + ")");
  }
}
