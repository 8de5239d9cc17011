package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BlasCoreTest {

  private static final Set<String> AVX512 =
      Set.of("fpu", "sse2", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

  @Test
  void choosesTheAvx512KernelsWhereTheCpuHasEverySubsetTheyUse() {
    assertThat(BlasCore.choose(null, AVX512)).isEqualTo("SKYLAKEX");
    assertThat(BlasCore.choose("  ", AVX512)).isEqualTo("SKYLAKEX");
  }

  @Test
  void leavesOpenBlasToChooseWhereASubsetIsMissing() {
    for (String missing : BlasCore.AVX512_FLAGS) {
      Set<String> flags = new HashSet<>(AVX512);
      flags.remove(missing);
      assertThat(BlasCore.choose(null, flags)).as("without %s", missing).isNull();
    }
    assertThat(BlasCore.choose(null, Set.of())).isNull();
  }

  @Test
  void keepsTheOperatorsChoice() {
    assertThat(BlasCore.choose("Haswell", AVX512)).isNull();
  }

  @Test
  void readsTheFirstProcessorsFlags() {
    List<String> cpuinfo =
        List.of(
            "processor\t: 0",
            "vendor_id\t: AuthenticAMD",
            "flags\t\t: fpu avx2 avx512f avx512cd avx512bw avx512dq avx512vl avx512f",
            "",
            "processor\t: 1",
            "flags\t\t: fpu");
    assertThat(BlasCore.parseFlags(cpuinfo))
        .containsExactlyInAnyOrder(
            "fpu", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    assertThat(BlasCore.parseFlags(List.of("processor\t: 0"))).isEmpty();
  }

  /**
   * In a JVM of its own, since OpenBLAS reads the variable once, when it loads, and with the
   * environment as this machine has it (some machines set OPENBLAS_CORETYPE on purpose, and tests
   * must not change it): a value set there wins; else, on a CPU with AVX-512, the engine runs the
   * SkylakeX kernels; elsewhere OpenBLAS's own choice, unchanged.
   */
  @Test
  void theLoadedLibraryRunsTheChosenKernels() throws Exception {
    assumeLinuxX86();
    Map<String, String> probe = probe(null);
    String set = System.getenv(BlasCore.VARIABLE);
    if (set != null && !set.isBlank()) {
      assertThat(probe.get("kernels")).isEqualToIgnoringCase(set);
      assertThat(probe.get("choice"))
          .isEqualTo("OPENBLAS_CORETYPE=" + set + " set by the environment");
    } else if (BlasCore.cpuFlags().containsAll(BlasCore.AVX512_FLAGS)) {
      assertThat(probe.get("kernels")).isEqualToIgnoringCase("SkylakeX");
      assertThat(probe.get("choice"))
          .isEqualTo("OPENBLAS_CORETYPE=SKYLAKEX set by backprop for AVX-512");
    } else {
      assertThat(probe.get("choice")).isEqualTo("OpenBLAS's own choice (no AVX-512)");
    }
  }

  /**
   * An operator's value wins over the AVX-512 choice. Where this machine sets the variable itself,
   * its own value is passed on unchanged (tests must not change it); elsewhere Haswell is set.
   */
  @Test
  void anOperatorsCoreTypeWins() throws Exception {
    assumeLinuxX86();
    String set = System.getenv(BlasCore.VARIABLE);
    String value = set != null && !set.isBlank() ? set : "Haswell";
    assumeTrue(!value.equals("Haswell") || BlasCore.cpuFlags().contains("avx2"), "needs AVX2");
    Map<String, String> probe = probe(value);
    assertThat(probe.get("kernels")).isEqualToIgnoringCase(value);
    assertThat(probe.get("choice"))
        .isEqualTo("OPENBLAS_CORETYPE=" + value + " set by the environment");
  }

  private static void assumeLinuxX86() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "reads /proc/cpuinfo");
    assumeTrue(System.getProperty("os.arch").equals("amd64"), "x86-64 kernels");
  }

  /** Runs {@link BlasCoreProbe}, with OPENBLAS_CORETYPE set to {@code coreType} unless null. */
  private static Map<String, String> probe(String coreType)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp"));
    command.add(System.getProperty("java.class.path"));
    command.add(BlasCoreProbe.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The environment this JVM started with, passed explicitly: left alone, the child would inherit
    // the process's current one, which BlasCore may already have set in this JVM.
    Map<String, String> environment = builder.environment();
    if (coreType != null) {
      environment.put(BlasCore.VARIABLE, coreType);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output
        .lines()
        .filter(line -> line.startsWith("choice=") || line.startsWith("kernels="))
        .collect(
            Collectors.toMap(
                line -> line.substring(0, line.indexOf('=')),
                line -> line.substring(line.indexOf('=') + 1)));
  }
}
