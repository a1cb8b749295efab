package org.fourinone.publicservice.geography;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.json.BsonJson;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.order.OrderEvents;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The district's streets and communities, owned here and published on {@code
 * community.geography.v1}.
 */
public class Geography {

  public static final String COLLECTION = "communities";
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final MongoCollection<Document> communities;

  public Geography(MongoDatabase database) {
    this.communities = database.getCollection(COLLECTION);
  }

  public MongoCollection<Document> collection() {
    return communities;
  }

  /** Registers the sample district's communities that are not there yet, each with its event. */
  public List<String> seed(OutboxRelay relay) {
    List<String> added = new ArrayList<>();
    for (Community community : SampleDistrict.communities()) {
      String json = JSON.writeValueAsString(community);
      Document data = Document.parse(json).append("sequence", 1L);
      Document event =
          OutboxRelay.entry(
              UUID.randomUUID().toString(),
              OrderEvents.COMMUNITY_REGISTERED,
              1,
              Instant.now(),
              BsonJson.write(data),
              null);
      Document doc = new Document("_id", community.communityId());
      doc.putAll(data);
      if (relay.insert(doc, List.of(event))) {
        added.add(community.communityId());
      }
    }
    return added;
  }

  public List<Community> all() {
    List<Community> all = new ArrayList<>();
    for (Document doc : communities.find().sort(ascending("streetId", "_id"))) {
      all.add(community(doc));
    }
    return all;
  }

  public Optional<Community> find(String communityId) {
    return Optional.ofNullable(communities.find(eq("_id", communityId)).first())
        .map(Geography::community);
  }

  private static Community community(Document doc) {
    Document fields = new Document(doc);
    fields.remove("_id");
    fields.remove(OutboxRelay.FIELD);
    return JSON.readValue(BsonJson.write(fields), Community.class);
  }
}
