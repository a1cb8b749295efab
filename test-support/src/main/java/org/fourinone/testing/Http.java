package org.fourinone.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client for tests that talk to a running service or the gateway: HTTP/1.1
 * (no h2c upgrade), redirects not followed (a 302 and its {@code Location} are the answer), every
 * body read as a UTF-8 string. A client and the ones made from it with {@link #as} share one
 * connection pool.
 */
public final class Http {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient client;
  private final String base;
  private final String authorization;

  public Http(String base) {
    this(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        base,
        null);
  }

  private Http(HttpClient client, String base, String authorization) {
    this.client = client;
    this.base = base;
    this.authorization = authorization;
  }

  /**
   * The same client, sending this {@code Authorization} header with every request ({@code null}:
   * none).
   */
  public Http as(String authorization) {
    return new Http(client, base, authorization);
  }

  public record Response(int status, Map<String, List<String>> headers, String text) {
    public JsonNode json() {
      return JSON.readTree(text);
    }

    /** The first value of the header, {@code null} if the response has none. */
    public String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of the header, in the order received. */
    public List<String> headers(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(List.of());
    }
  }

  public Response get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
  }

  /** A JSON body: a {@code String} as it is, anything else written by {@link #JSON}. */
  public Response post(String path, Object body, String... headers) {
    return withJson("POST", path, body, headers);
  }

  public Response put(String path, Object body, String... headers) {
    return withJson("PUT", path, body, headers);
  }

  public Response patch(String path, Object body, String... headers) {
    return withJson("PATCH", path, body, headers);
  }

  public Response delete(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), headers);
  }

  /**
   * Any method with any body (raw bytes, a stream sent chunked, none); the caller names its {@code
   * Content-Type} among the headers.
   */
  public Response send(
      String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, body), headers);
  }

  private Response withJson(String method, String path, Object body, String... headers) {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)),
        headers);
  }

  private Response send(HttpRequest.Builder request, String... headers) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
