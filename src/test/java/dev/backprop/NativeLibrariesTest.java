package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Dockerfile runs at build time leaves ND4J's and OpenBLAS's libraries in the cache. */
class NativeLibrariesTest {

  @Test
  void unpackLeavesTheEnginesLibrariesInJavaCppsCache() throws IOException {
    File cache = NativeLibraries.unpack();
    List<String> names;
    try (Stream<Path> files = Files.walk(cache.toPath())) {
      names = files.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(names)
        .as("libraries in " + cache)
        .anyMatch(n -> n.contains("nd4jcpu"))
        .anyMatch(n -> n.contains("jnind4jcpu"))
        .anyMatch(n -> n.contains("jnijavacpp"))
        .anyMatch(n -> n.contains("openblas"));
  }

  @Test
  void aWritableOrMissingCacheIsLeftToJavaCpp(@TempDir Path writable) {
    String before = System.getProperty(NativeLibraries.CACHE_DIR);
    try {
      System.setProperty(NativeLibraries.CACHE_DIR, writable.toString());
      assertThat(NativeLibraries.useReadOnlyCache()).isFalse();
      System.setProperty(NativeLibraries.CACHE_DIR, writable.resolve("absent").toString());
      assertThat(NativeLibraries.useReadOnlyCache()).isFalse();
      System.clearProperty(NativeLibraries.CACHE_DIR);
      assertThat(NativeLibraries.useReadOnlyCache()).isFalse();
    } finally {
      if (before == null) {
        System.clearProperty(NativeLibraries.CACHE_DIR);
      } else {
        System.setProperty(NativeLibraries.CACHE_DIR, before);
      }
    }
  }
}
