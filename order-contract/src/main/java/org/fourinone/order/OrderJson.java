package org.fourinone.order;

import org.bson.Document;
import org.fourinone.kit.json.BsonJson;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order's one serialised form: event data on Kafka, and (parsed) the fields of its MongoDB
 * document. A tolerant reader: unknown members are ignored.
 */
public final class OrderJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private OrderJson() {}

  public static String write(Order order) {
    return MAPPER.writeValueAsString(order);
  }

  public static Order read(byte[] json) {
    return MAPPER.readValue(json, Order.class);
  }

  public static Document toDocument(Order order) {
    return Document.parse(write(order));
  }

  public static Order fromDocument(Document document) {
    return MAPPER.readValue(BsonJson.write(document), Order.class);
  }
}
