package dev.backprop.dashboard;

/**
 * Where a chart's parts go, in SVG user units: the plot area with room around it for the title
 * (above), the tick labels and axis titles (beside and below) and the legend (at the bottom).
 *
 * @param width the whole picture's width
 * @param height the whole picture's height
 * @param left the plot area's left edge
 * @param right the plot area's right edge
 * @param top the plot area's top edge
 * @param bottom the plot area's bottom edge
 */
record ChartLayout(int width, int height, double left, double right, double top, double bottom) {

  static final int WIDTH = 800;
  static final int HEIGHT = 440;

  /** The standard layout; a second (accuracy) axis needs as much room on the right as the left. */
  static ChartLayout standard(boolean secondAxis) {
    return new ChartLayout(WIDTH, HEIGHT, 76, WIDTH - (secondAxis ? 76 : 28), 70, HEIGHT - 96);
  }

  double centreX() {
    return (left + right) / 2;
  }

  double centreY() {
    return (top + bottom) / 2;
  }
}
