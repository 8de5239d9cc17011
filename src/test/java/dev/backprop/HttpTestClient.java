package dev.backprop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for tests that talk to the running service over a real socket. */
public final class HttpTestClient {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public HttpTestClient(int port) {
    this.base = "http://localhost:" + port;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public HttpResponse<String> send(String method, String path, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A request to a path of the service, for {@link #send(HttpRequest.Builder)}. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  /** The request, with the answer's body as raw bytes. */
  public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Every answer is held to the published document ({@link OpenApiContract}). */
  private static void checkContract(HttpResponse<?> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    Object body = response.body();
    String text =
        body instanceof String string
            ? string
            : body instanceof byte[] bytes ? OpenApiContract.text(bytes, type) : null;
    OpenApiContract.check(
        response.request().method(),
        response.uri().getRawPath(),
        response.statusCode(),
        response.headers().map(),
        text);
  }

  private <T> HttpResponse<T> send(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      HttpResponse<T> response =
          client.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
      checkContract(response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
