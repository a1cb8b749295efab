package org.fourinone.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for tests that talk to a running service or the gateway. */
public final class Http {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;

  public Http(String base) {
    this(base, null);
  }

  private Http(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** The same client, sending this {@code Authorization} header with every request. */
  public Http as(String authorization) {
    return new Http(base, authorization);
  }

  public record Response(int status, Map<String, java.util.List<String>> headers, String text) {
    public JsonNode json() {
      return JSON.readTree(text);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  public Response get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
  }

  public Response post(String path, Object body, String... headers) {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)),
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
