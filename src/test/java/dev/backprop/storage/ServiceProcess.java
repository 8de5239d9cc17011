package dev.backprop.storage;

import static org.awaitility.Awaitility.await;

import dev.backprop.BackpropApplication;
import dev.backprop.HttpTestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service in a JVM of its own on its embedded default, the H2 file database in {@code
 * backprop.data-dir} with the URL of {@code application.yml} (no test profile), so that a test can
 * kill it with {@code kill -9} and start it again on the same files.
 */
final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final HttpTestClient http;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.http = new HttpTestClient(port);
  }

  /** Starts the service on {@code dataDir} and waits until it is ready. */
  static ServiceProcess start(Path dataDir, Path log, String... extraArgs) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // A short-lived JVM: start fast rather than run fast.
    command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BackpropApplication.class.getName());
    command.add("--server.port=" + port);
    command.add("--backprop.data-dir=" + dataDir.toAbsolutePath());
    command.addAll(
        List.of(
            "--spring.jmx.enabled=false",
            "--springdoc.api-docs.enabled=false",
            "--springdoc.swagger-ui.enabled=false",
            "--logging.level.root=WARN"));
    command.addAll(List.of(extraArgs));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServiceProcess service = new ServiceProcess(process, port);
    try {
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .failFast("the service exited; see " + log, () -> !process.isAlive())
          .until(() -> service.http.get("/actuator/health/readiness").statusCode() == 200);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    return service;
  }

  HttpTestClient http() {
    return http;
  }

  /**
   * SIGTERM, as an orchestrator stops a container: Spring's graceful shutdown runs. Returns how
   * long the process took to exit; fails if it did not within {@code atMost}.
   */
  Duration terminate(Duration atMost) throws InterruptedException {
    long sent = System.nanoTime();
    process.destroy();
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the service did not exit within " + atMost + " of SIGTERM");
    }
    return Duration.ofNanos(System.nanoTime() - sent);
  }

  /** {@code kill -9}: nothing of the service runs after this, no shutdown hook, no flush. */
  void kill() {
    process.destroyForcibly();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the service did not die within a minute of kill -9");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
