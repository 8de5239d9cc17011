package dev.backprop.engine;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Which of OpenBLAS's kernels the matrix products run on. OpenBLAS picks them when it loads, from
 * the CPU's family and model, and the release ND4J brings (0.3.19) does not know CPUs newer than
 * itself. On a 2-core AMD EPYC of family 26 (Zen 5, full-width AVX-512) it picks its Barcelona
 * kernels, from before AVX: sgemm on a 784-256-128-10 layer at batch 128 then ran at 41 GFLOPS,
 * against 92 with its Haswell (AVX2) kernels and 164 with its SkylakeX (AVX-512) kernels, which
 * computed the same products (checked against a double-precision reference on eight shapes). Newer
 * OpenBLAS releases pick AVX-512 kernels on such CPUs by themselves.
 *
 * <p>So {@link #prepare()}, run before OpenBLAS loads, sets {@value #VARIABLE}={@value #AVX512} in
 * the process's environment when the CPU has the AVX-512 subsets those kernels use (Linux's {@code
 * /proc/cpuinfo} flags, which list only what the kernel has enabled) and the variable is not set. A
 * value already set is kept: some hosts set it on purpose (older OpenBLAS builds misbehave on some
 * processors), and {@code OPENBLAS_CORETYPE=Haswell} is how an operator turns this off. OpenBLAS
 * reads the variable once, when its library loads; setting it later changes nothing. The JVM cannot
 * set its own environment, so this calls the C library's {@code setenv} through JNA, as early as it
 * can (the service's {@code main}, or {@link Engine#initialize()}), before other threads are likely
 * to read the environment. Processes started afterwards inherit the value unless they are given an
 * environment of their own.
 */
public final class BlasCore {
  /** The environment variable OpenBLAS reads to force its kernels. */
  static final String VARIABLE = "OPENBLAS_CORETYPE";

  /** The kernels chosen for AVX-512 CPUs. */
  static final String AVX512 = "SKYLAKEX";

  /** The /proc/cpuinfo flags the SkylakeX kernels need, all of them. */
  static final Set<String> AVX512_FLAGS =
      Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

  /** OpenBLAS's names for its AVX-512 kernels, in lower case. */
  private static final Set<String> AVX512_KERNELS =
      Set.of("skylakex", "cooperlake", "sapphirerapids");

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private static volatile String decision;
  private static volatile String loaded;

  private BlasCore() {}

  /**
   * Before OpenBLAS loads: sets {@value #VARIABLE} where this CPU should have the AVX-512 kernels
   * and nobody chose otherwise. Idempotent; never throws (OpenBLAS then picks its own kernels).
   *
   * @return what was decided, for the log
   */
  public static synchronized String prepare() {
    if (decision == null) {
      decision = decide();
    }
    return decision;
  }

  private static String decide() {
    String set = System.getenv(VARIABLE);
    String choice = choose(set, cpuFlags());
    if (choice == null) {
      return set != null
          ? VARIABLE + "=" + set + " set by the environment"
          : "OpenBLAS's own choice (no AVX-512)";
    }
    try {
      int failed =
          NativeLibrary.getInstance("c")
              .getFunction("setenv")
              .invokeInt(new Object[] {VARIABLE, choice, 1}); // unset or blank: replace
      if (failed != 0) {
        return "OpenBLAS's own choice (setenv " + VARIABLE + " failed)";
      }
      return VARIABLE + "=" + choice + " set by backprop for AVX-512";
    } catch (RuntimeException | LinkageError e) {
      return "OpenBLAS's own choice (" + VARIABLE + " could not be set: " + e + ")";
    }
  }

  /**
   * The kernels to force, or null to leave OpenBLAS's choice: none when {@code current} (the
   * variable's value) is set, {@value #AVX512} when {@code flags} hold every one of {@link
   * #AVX512_FLAGS}.
   */
  static String choose(String current, Set<String> flags) {
    if (current != null && !current.isBlank()) {
      return null;
    }
    return flags.containsAll(AVX512_FLAGS) ? AVX512 : null;
  }

  /**
   * The first processor's flags in /proc/cpuinfo, or none where there is no such file. Reading
   * stops at that line: the file repeats it for every processor.
   */
  static Set<String> cpuFlags() {
    if (!Files.isReadable(CPUINFO)) {
      return Set.of();
    }
    try (Stream<String> lines = Files.lines(CPUINFO)) {
      return parseFlags(lines::iterator);
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
  }

  /** The flags of the first {@code flags : …} line of a /proc/cpuinfo text. */
  static Set<String> parseFlags(Iterable<String> lines) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
        return Set.copyOf(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
      }
    }
    return Set.of();
  }

  /**
   * The kernels the loaded OpenBLAS runs ({@code openblas_get_corename}, e.g. "SkylakeX" or
   * "Haswell"), loading it if need be; "unknown" where it cannot be asked.
   */
  public static String loaded() {
    String name = loaded;
    if (name == null) {
      prepare(); // in case this is what loads OpenBLAS
      name = askLoaded();
      loaded = name;
    }
    return name;
  }

  /** Whether the loaded OpenBLAS runs AVX-512 kernels (SkylakeX, Cooperlake, SapphireRapids). */
  public static boolean avx512() {
    return AVX512_KERNELS.contains(loaded().toLowerCase(Locale.ROOT));
  }

  /** {@link #loaded()} if it has been asked already, else null (nothing is loaded here). */
  public static String known() {
    return loaded;
  }

  private static String askLoaded() {
    try {
      String path = Loader.load(openblas_nolapack.class);
      Object name =
          NativeLibrary.getInstance(path)
              .getFunction("openblas_get_corename")
              .invoke(String.class, new Object[0]);
      return name == null ? "unknown" : name.toString().trim();
    } catch (RuntimeException | LinkageError e) {
      return "unknown";
    }
  }
}
