package org.fourinone.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain {@code java.net.http} calls against the gateway under test, one HTTP/1.1 connection pool;
 * every request carries the client's {@code Authorization} header unless it was made anonymous.
 */
final class GatewayClient {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final int port;

  private final String authorization;

  GatewayClient(int port, String authorization) {
    this.port = port;
    this.authorization = authorization;
  }

  /** A client without a token. */
  static GatewayClient anonymous(int port) {
    return new GatewayClient(port, null);
  }

  /** A client with its own bearer token. */
  static GatewayClient withToken(int port, String bearerToken) {
    return new GatewayClient(port, "Bearer " + bearerToken);
  }

  HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) {
    HttpRequest.Builder request = request(pathAndQuery).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  HttpResponse<String> send(
      String method, String pathAndQuery, BodyPublisher body, String... headers) {
    HttpRequest.Builder request = request(pathAndQuery).method(method, body);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }
}
