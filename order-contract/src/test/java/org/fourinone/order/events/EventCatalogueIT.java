package org.fourinone.order.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fourinone.order.OrderEvents;
import org.fourinone.testing.EventSchemas;
import org.junit.jupiter.api.Test;

/**
 * The contract partners read: every event type the code produces has a JSON Schema and a message in
 * {@code docs/events/asyncapi.yaml}, and the AsyncAPI document passes a real parser
 * ({@code @asyncapi/parser}, run with Node from {@code docs/events/tools}).
 */
class EventCatalogueIT {

  private final Path events = EventSchemas.projectRoot().resolve("docs/events");

  @Test
  void everyProducedEventTypeHasASchemaAndAnAsyncApiMessage() throws IOException {
    List<String> types = OrderEvents.all();
    String asyncApi = Files.readString(events.resolve("asyncapi.yaml"));
    for (String type : types) {
      assertThat(events.resolve("schemas/" + type + ".json")).as(type).exists();
      assertThat(asyncApi).as(type).contains("./schemas/" + type + ".json");
    }
  }

  @Test
  void asyncApiDocumentPassesTheParserAndExamplesTheirSchemas() throws Exception {
    Path tools = events.resolve("tools");
    if (!Files.isDirectory(tools.resolve("node_modules/@asyncapi/parser"))) {
      assertThat(run(tools, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"))
          .as("npm ci")
          .isZero();
    }
    assertThat(run(tools, "node", "validate-asyncapi.mjs")).as("validate-asyncapi").isZero();
  }

  private static int run(Path dir, String... command) throws Exception {
    Path log = Files.createTempFile("event-catalogue", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
    }
    System.out.println(Files.readString(log, StandardCharsets.UTF_8));
    return process.exitValue();
  }
}
