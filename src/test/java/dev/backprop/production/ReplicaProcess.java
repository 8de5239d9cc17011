package dev.backprop.production;

import static org.awaitility.Awaitility.await;

import dev.backprop.BackpropApplication;
import dev.backprop.HttpTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the service in a JVM of its own, so that a test can kill it the hard way ({@code
 * kill -9}) or send it SIGTERM, as an orchestrator would.
 */
final class ReplicaProcess implements AutoCloseable {

  private final Process process;
  private final HttpTestClient http;
  private final Path log;

  private ReplicaProcess(Process process, int port, Path log) {
    this.process = process;
    this.http = new HttpTestClient(port);
    this.log = log;
  }

  static ReplicaProcess start(String name, PostgresDatabase database, String... extraArgs)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Path.of("target", "replica-" + name + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx768m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BackpropApplication.class.getName());
    command.add("--server.port=" + port);
    command.add("--spring.profiles.active=test");
    command.addAll(database.springArgs());
    command.addAll(Replica.withDefaults(extraArgs));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ReplicaProcess replica = new ReplicaProcess(process, port, log);
    try {
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .failFast("replica " + name + " exited; see " + log, () -> !process.isAlive())
          .until(() -> replica.http.get("/actuator/health/readiness").statusCode() == 200);
    } catch (RuntimeException e) {
      replica.close();
      throw e;
    }
    return replica;
  }

  HttpTestClient http() {
    return http;
  }

  /** Its prefix in the {@code owner} column: {@code pid@host/}. */
  String ownerPrefix() {
    return process.pid() + "@";
  }

  Path log() {
    return log;
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is handed back. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(1, TimeUnit.MINUTES);
  }

  /** SIGTERM: Spring's graceful shutdown runs. Returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the replica did not stop within 2 minutes of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("interrupted while stopping", e));
      }
    }
  }
}
