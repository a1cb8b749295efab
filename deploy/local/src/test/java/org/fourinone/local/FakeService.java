package org.fourinone.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a Boot service in tests of the supervisor: listens on {@code SERVER_PORT}, answers
 * {@code /actuator/health/readiness} with 200 after {@code FAKE_READY_DELAY_MS}, and {@code /env}
 * with the variables the platform passed. With {@code FAKE_FAIL=true} it dies during start-up.
 */
public final class FakeService {

  private FakeService() {}

  public static void main(String[] args) throws IOException {
    if (Boolean.parseBoolean(System.getenv("FAKE_FAIL"))) {
      System.out.println("fake service: cannot connect to the database, giving up");
      System.exit(3);
    }
    long readyAt =
        System.currentTimeMillis()
            + Long.parseLong(System.getenv().getOrDefault("FAKE_READY_DELAY_MS", "0"));
    int port = Integer.parseInt(System.getenv("SERVER_PORT"));
    HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
    server.createContext(
        "/actuator/health/readiness",
        exchange -> {
          boolean ready = System.currentTimeMillis() >= readyAt;
          respond(
              exchange,
              ready ? 200 : 503,
              ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}");
        });
    server.createContext(
        "/env",
        exchange ->
            respond(
                exchange,
                200,
                "SERVER_PORT="
                    + System.getenv("SERVER_PORT")
                    + "\n"
                    + "KAFKA_BOOTSTRAP_SERVERS="
                    + System.getenv("KAFKA_BOOTSTRAP_SERVERS")
                    + "\n"
                    + "MONGODB_URI="
                    + System.getenv("MONGODB_URI")
                    + "\n"));
    server.start();
    System.out.println("fake service listening on " + port);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
