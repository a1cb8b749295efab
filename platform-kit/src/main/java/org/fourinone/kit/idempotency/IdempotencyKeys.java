package org.fourinone.kit.idempotency;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.fourinone.kit.problem.Problem;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key} header of POSTs that create something. The first request with a key
 * claims it for the id of the resource it is about to create; a repeat with the same key and the
 * same body gets that id back, so the caller sees the same resource, never a second one; the same
 * key with a different body is a 422. The claim is written before the resource, so a crash between
 * the two is repaired by the retry, which creates the resource under the claimed id.
 */
@Component
public class IdempotencyKeys {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
  private final MongoCollection<Document> claims;

  public IdempotencyKeys(MongoDatabase database) {
    this.claims = database.getCollection("idempotency_keys");
  }

  public record Claim(String resourceId, boolean firstTime) {}

  /**
   * Claims {@code key} within {@code scope} (what is created and by whom, e.g. "orders:cw-dzm-01")
   * for a new resource, or returns the earlier claim.
   *
   * @param request the request body in a canonical form (its hash is compared on repeats)
   */
  public Claim claim(String scope, String key, String request, Supplier<String> newId) {
    if (!KEY.matcher(key).matches()) {
      throw Problem.badRequest("idempotency.bad-key");
    }
    String id = scope + ":" + key;
    String hash = sha256(request);
    String resourceId = newId.get();
    try {
      claims.insertOne(
          new Document("_id", id)
              .append("requestHash", hash)
              .append("resourceId", resourceId)
              .append("createdAt", Instant.now().toString()));
      return new Claim(resourceId, true);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    Document earlier = claims.find(eq("_id", id)).first();
    if (earlier == null) {
      throw new IllegalStateException("idempotency claim " + id + " vanished");
    }
    if (!hash.equals(earlier.getString("requestHash"))) {
      throw Problem.unprocessable("idempotency.key-reused");
    }
    return new Claim(earlier.getString("resourceId"), false);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
