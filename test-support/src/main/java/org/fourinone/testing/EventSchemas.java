package org.fourinone.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Validates event data against the JSON Schemas partners read in {@code docs/events/schemas}. */
public final class EventSchemas {

  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventSchemas() {}

  /** Returns the violations of the schema of {@code type}; empty when the data is valid. */
  public static Set<ValidationMessage> violations(String type, byte[] data) {
    JsonSchema schema = SCHEMAS.computeIfAbsent(type, EventSchemas::load);
    try {
      return schema.validate(JSON.readTree(data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonSchema load(String type) {
    Path file = projectRoot().resolve("docs/events/schemas/" + type + ".json");
    try (InputStream in = Files.newInputStream(file)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("no schema for " + type + " at " + file, e);
    }
  }

  /** The directory holding the root pom.xml of the platform. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path pom = dir.resolve("pom.xml");
      try {
        if (Files.exists(pom)
            && Files.readString(pom).contains("<artifactId>fourinone-platform</artifactId>")
            && Files.isDirectory(dir.resolve("platform-kit"))) {
          return dir;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("not inside the platform's source tree");
  }
}
