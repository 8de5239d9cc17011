package dev.backprop.production;

import dev.backprop.BackpropApplication;
import dev.backprop.HttpTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;

/** One replica of the service, in this JVM, on a PostgreSQL database that others share. */
final class Replica implements AutoCloseable {

  /** Short leases, so that the tests see a dead replica's job taken over within seconds. */
  static final List<String> SHORT_LEASES =
      List.of("--backprop.training.lease-duration=3s", "--backprop.training.heartbeat-interval=1s");

  private final String name;
  private final ConfigurableApplicationContext context;
  private final HttpTestClient http;

  private Replica(String name, ConfigurableApplicationContext context) {
    this.name = name;
    this.context = context;
    this.http = new HttpTestClient(port());
  }

  static Replica start(String name, PostgresDatabase database, String... extraArgs) {
    List<String> args = new ArrayList<>(database.springArgs());
    args.add("--server.port=0");
    args.addAll(withDefaults(extraArgs));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(BackpropApplication.class)
            .profiles("test")
            .run(args.toArray(String[]::new));
    return new Replica(name, context);
  }

  /** {@code extraArgs} after those of {@link #SHORT_LEASES} that they do not set themselves. */
  static List<String> withDefaults(String... extraArgs) {
    List<String> args = new ArrayList<>();
    for (String lease : SHORT_LEASES) {
      String key = lease.substring(0, lease.indexOf('=') + 1);
      if (Stream.of(extraArgs).noneMatch(a -> a.startsWith(key))) {
        args.add(lease);
      }
    }
    args.addAll(List.of(extraArgs));
    return args;
  }

  String name() {
    return name;
  }

  int port() {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  HttpTestClient http() {
    return http;
  }

  /** Stops claiming jobs (this replica runs none at the time), so that another one takes them. */
  void pauseTraining() {
    runner().stop();
  }

  void resumeTraining() {
    runner().start();
  }

  private Lifecycle runner() {
    return context.getBean("trainingJobRunner", Lifecycle.class);
  }

  /** A graceful stop, as on SIGTERM: running jobs go back to the queue. */
  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return name + " on port " + port();
  }
}
