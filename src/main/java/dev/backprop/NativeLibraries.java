package dev.backprop;

import dev.backprop.engine.Engine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;

/**
 * Unpacks ND4J's and OpenBLAS's native libraries into JavaCPP's cache directory ({@code
 * -Dorg.bytedeco.javacpp.cachedir}) by loading them once, as the service does when it starts. The
 * Dockerfile runs it while the image is built, so that containers find the libraries (~490 MB)
 * already there: they start without unpacking them, and the cache can be read-only ({@link
 * #useReadOnlyCache()}).
 *
 * <pre>java -Dorg.bytedeco.javacpp.cachedir=DIR -cp 'BOOT-INF/classes:BOOT-INF/lib/*' \
 *     dev.backprop.NativeLibraries</pre>
 */
public final class NativeLibraries {

  static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";

  private NativeLibraries() {}

  /**
   * Makes JavaCPP use the cache directory it is given even where it may not write (the image's
   * cache, owned by root, on a read-only root filesystem). JavaCPP 1.5.7, the version ND4J brings,
   * passes over a cache directory it cannot write to, and unpacks every library again into {@code
   * java.io.tmpdir}; it has no setting for this, so its cache field is set here, before ND4J loads.
   * It then finds each library in place (same size and timestamp as in its jar) and writes nothing.
   * (Loading JavaCPP's own class still unpacks its 64 KB glue library into the temporary
   * directory.) Does nothing where the directory is writable or absent: JavaCPP then handles it.
   *
   * @return whether JavaCPP now uses the read-only directory
   */
  public static boolean useReadOnlyCache() {
    String dir = System.getProperty(CACHE_DIR);
    File cache = dir == null ? null : new File(dir);
    if (cache == null || !cache.isDirectory() || cache.canWrite()) {
      return false;
    }
    try {
      Field field = Loader.class.getDeclaredField("cacheDir");
      field.setAccessible(true);
      field.set(null, cache);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Runs before Spring Boot has set up logging.
      System.err.println(
          "JavaCPP cannot be pointed at the read-only "
              + cache
              + " ("
              + e
              + "); it unpacks its natives into a writable directory instead");
      return false;
    }
  }

  public static void main(String[] args) throws IOException {
    File cache = unpack();
    long bytes;
    long files;
    try (Stream<Path> all = Files.walk(cache.toPath())) {
      long[] sum = new long[2];
      all.filter(Files::isRegularFile)
          .forEach(
              f -> {
                sum[0]++;
                sum[1] += size(f);
              });
      files = sum[0];
      bytes = sum[1];
    }
    System.out.printf(
        "Native libraries unpacked into %s: %d files, %d MB%n", cache, files, bytes >> 20);
  }

  /**
   * Loads ND4J's CPU backend and runs one matrix product through BLAS, which makes JavaCPP unpack
   * every library the engine uses; returns the cache directory they are in.
   */
  public static File unpack() throws IOException {
    Engine.initialize(); // loads the backend and warms the native gemm path
    return Loader.getCacheDir();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
