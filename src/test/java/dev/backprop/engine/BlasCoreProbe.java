package dev.backprop.engine;

/**
 * Run in a JVM of its own by {@link BlasCoreTest}: initialises the engine as the service does and
 * prints what {@link BlasCore} decided and which kernels the loaded OpenBLAS runs, one per line.
 */
public final class BlasCoreProbe {
  private BlasCoreProbe() {}

  public static void main(String[] args) {
    Engine.initialize();
    System.out.println("choice=" + BlasCore.prepare());
    System.out.println("kernels=" + BlasCore.loaded());
  }
}
