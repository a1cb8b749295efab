package org.fourinone.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Tells whether a started child serves yet. Called repeatedly; exceptions count as "not yet". */
@FunctionalInterface
interface ReadinessProbe {

  boolean isReady() throws Exception;

  static ReadinessProbe tcp(String host, int port) {
    return () -> Ports.accepts(host, port);
  }

  /**
   * HTTP 200 from {@code /actuator/health/readiness}; when that path answers 404 (no readiness
   * group configured) {@code /actuator/health} decides.
   */
  static ReadinessProbe actuator(String baseUrl) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    return () -> {
      int readiness = get(client, baseUrl + "/actuator/health/readiness");
      if (readiness == 404) {
        return get(client, baseUrl + "/actuator/health") == 200;
      }
      return readiness == 200;
    };
  }

  private static int get(HttpClient client, String url) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
