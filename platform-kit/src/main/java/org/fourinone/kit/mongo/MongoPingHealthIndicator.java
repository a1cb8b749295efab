package org.fourinone.kit.mongo;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The service's own database answers {@code ping}. Replaces Boot's MongoDB indicator, whose {@code
 * hello} command the embedded wire-protocol server does not know; {@code ping} works on both it and
 * a real replica set.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

  private final MongoDatabase database;

  public MongoPingHealthIndicator(MongoDatabase database) {
    super("MongoDB ping failed");
    this.database = database;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Document reply = database.runCommand(new Document("ping", 1));
    builder.up().withDetail("database", database.getName()).withDetail("ok", reply.get("ok"));
  }
}
