package org.fourinone.kit.json;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * A MongoDB document as plain JSON (relaxed mode: numbers as numbers, not {@code {"$numberLong":
 * …}}), the form events carry and Jackson reads.
 */
public final class BsonJson {

  public static final JsonWriterSettings RELAXED =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private BsonJson() {}

  public static String write(Document document) {
    return document.toJson(RELAXED);
  }
}
