import java.util.Arrays;

/**
 * A busy loop that prints how much work it did in each 100 ms window of wall-clock time, as
 * "epochMillisOfWindowStart iterations", for scripts/cpu-steadiness.sh, which runs one copy pinned
 * to each core at once. The work is a fused multiply-add over two arrays of floats, KIB KiB in all
 * (default 1024: about what a thread of a 784-256-128-10 training step keeps in its caches, so the
 * count follows the core's share of its caches as well as its speed). Run: java
 * CpuSteadiness.java SECONDS [KIB]
 */
public final class CpuSteadiness {
  private static final long WINDOW_MILLIS = 100;

  public static void main(String[] args) {
    long seconds = Long.parseLong(args[0]);
    int kib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    float[] a = new float[kib * 1024 / 8]; // two arrays of 4-byte floats
    float[] b = new float[a.length];
    Arrays.fill(a, 1e-3f);
    Arrays.fill(b, 0.999f);
    long end = System.currentTimeMillis() + seconds * 1000;
    long window = System.currentTimeMillis() / WINDOW_MILLIS + 1; // the first whole window
    while (System.currentTimeMillis() / WINDOW_MILLIS < window) {
      pass(a, b);
    }
    StringBuilder out = new StringBuilder();
    long count = 0;
    while (true) {
      pass(a, b);
      count++;
      long now = System.currentTimeMillis();
      if (now / WINDOW_MILLIS != window) {
        out.append(window * WINDOW_MILLIS).append(' ').append(count).append('\n');
        window = now / WINDOW_MILLIS;
        count = 0;
        if (now >= end) {
          break;
        }
      }
    }
    System.out.print(out);
    if (a[7] == 42f) { // keeps the loop's results alive
      System.out.println();
    }
  }

  private static void pass(float[] a, float[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.fma(a[i], b[i], 1e-7f);
    }
  }
}
