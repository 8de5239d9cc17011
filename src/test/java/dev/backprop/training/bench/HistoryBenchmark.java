package dev.backprop.training.bench;

import dev.backprop.BackpropApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What polling a long job costs: the size (plain and gzip) and the time of {@code GET
 * /api/v1/training-jobs/{id}} for jobs of 20,000 and 100,000 stored epochs, and of one page of
 * {@code /history} when the service has it. Starts the service on an embedded H2 database in a
 * temporary directory with training off, submits a job per size and writes its epochs straight into
 * the database (training 100,000 epochs would measure the trainer, not the read). Run with {@code
 * ./mvnw -B -q -Pbench test-compile -Dbench.main=dev.backprop.training.bench.HistoryBenchmark}; the
 * port is {@code -Dbench.port} (default 18111).
 */
public final class HistoryBenchmark {

  private static final int[] SIZES = {20_000, 100_000};
  private static final int WARMUP = 30;
  private static final int RUNS = 30;
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

  private HistoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("backprop-history-bench");
    String port = System.getProperty("bench.port", "18111");
    ConfigurableApplicationContext context =
        SpringApplication.run(
            BackpropApplication.class,
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--backprop.data-dir=" + dir,
            "--backprop.training.enabled=false",
            "--logging.level.root=WARN");
    try {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      post(http, base + "/api/v1/networks", NETWORK);
      List<String> rows = new ArrayList<>();
      for (int epochs : SIZES) {
        String job = post(http, base + "/api/v1/networks/bench/training-jobs", job(epochs));
        Matcher m = ID.matcher(job);
        if (!m.find()) {
          throw new IllegalStateException("no job id in " + job);
        }
        UUID id = UUID.fromString(m.group(1));
        store(jdbc, id, epochs);
        rows.add(measure(http, epochs, base + "/api/v1/training-jobs/" + id, "GET job"));
        rows.add(
            measure(
                http,
                epochs,
                base + "/api/v1/training-jobs/" + id + "/history?size=1000",
                "GET history page (1000)"));
      }
      System.out.printf(
          "%n%-8s | %-24s | %6s | %12s | %12s | %10s | %10s%n",
          "epochs", "request", "status", "bytes", "gzip bytes", "p50 ms", "p90 ms");
      rows.forEach(System.out::println);
    } finally {
      context.close();
    }
  }

  private static final String NETWORK =
      """
      { "name": "bench", "inputs": 2,
        "layers": [ { "units": 4, "activation": "relu" }, { "units": 3, "activation": "softmax" } ],
        "loss": "cross_entropy", "seed": 5, "labels": ["red", "green", "blue"] }
      """;

  private static String job(int epochs) {
    return "{ \"epochs\": "
        + epochs
        + ", \"validationSplit\": 0.25, \"data\": { \"features\": [[0, 0], [1, 0], [0, 1], [1, 1]],"
        + " \"targets\": [\"red\", \"green\", \"blue\", \"red\"] } }";
  }

  /** Every epoch with all four metrics, as a classifier with a validation part reports them. */
  private static void store(JdbcTemplate jdbc, UUID id, int epochs) {
    List<Object[]> batch = new ArrayList<>(epochs);
    for (int e = 1; e <= epochs; e++) {
      double loss = 1.0 / (1 + e * 1e-3);
      batch.add(new Object[] {id.toString(), e, loss, loss * 1.1, 1 - loss / 2, 1 - loss / 1.9});
      if (batch.size() == 5_000 || e == epochs) {
        jdbc.batchUpdate(
            "INSERT INTO training_job_epochs (job_id, epoch, loss, validation_loss, accuracy,"
                + " validation_accuracy) VALUES (?, ?, ?, ?, ?, ?)",
            batch);
        batch.clear();
      }
    }
    double last = 1.0 / (1 + epochs * 1e-3);
    jdbc.update(
        "UPDATE training_jobs SET status = 'RUNNING', epoch = ?, metrics = ? WHERE id = ?",
        epochs,
        "{\"epoch\":" + epochs + ",\"loss\":" + last + "}",
        id.toString());
  }

  private static String measure(HttpClient http, int epochs, String url, String name)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> plain = get(http, url, false);
    HttpResponse<byte[]> gzip = get(http, url, true);
    String encoding = gzip.headers().firstValue("Content-Encoding").orElse("none");
    for (int i = 0; i < WARMUP; i++) {
      get(http, url, false);
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      get(http, url, false);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return String.format(
        "%-8d | %-24s | %6d | %12d | %12s | %10.1f | %10.1f",
        epochs,
        name,
        plain.statusCode(),
        plain.body().length,
        gzip.body().length + " (" + encoding + ")",
        millis[RUNS / 2],
        millis[RUNS * 9 / 10]);
  }

  private static HttpResponse<byte[]> get(HttpClient http, String url, boolean gzip)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String post(HttpClient http, String url, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() >= 300) {
      throw new IllegalStateException(
          url + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }
}
