package org.fourinone.publicservice.residents;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.personaldata.KeyRing;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encryption: rewrites every resident's {@code idNumberEncrypted} and {@code phoneEncrypted}
 * that is not under the active key, and re-hashes {@code idNumberHash} not made with the active
 * hash key. In batches by {@code _id}; idempotent (a resident already under the active keys is left
 * alone, so a second run rewrites nothing); each rewrite is conditional on the values it read, so a
 * change made meanwhile wins and the resident is counted as changed concurrently (the next run
 * takes it, if it still needs it).
 */
final class PersonalDataRotation {
  static final String AUDIT_ACTION = "PERSONAL_DATA_REENCRYPTED";
  private static final Logger log = LoggerFactory.getLogger(PersonalDataRotation.class);
  private static final String UNHASHED_KEY =
      PersonalData.HashAlgorithm.HMAC_SHA256.id + ":" + KeyRing.LEGACY;

  private final MongoCollection<Document> residents;
  private final PersonalData pii;
  private final AuditTrail audit;
  private final int batchSize;

  PersonalDataRotation(
      MongoCollection<Document> residents, PersonalData pii, AuditTrail audit, int batchSize) {
    this.residents = residents;
    this.pii = pii;
    this.audit = audit;
    this.batchSize = batchSize;
  }

  /** What a run did. */
  record ReEncryptionReport(
      String activeKey,
      String activeHashKey,
      long scanned,
      long rewritten,
      long alreadyCurrent,
      long changedConcurrently,
      long duplicateIdNumbers,
      long failed,
      long tookMillis) {

    String summary() {
      return "activeKey="
          + activeKey
          + " activeHashKey="
          + activeHashKey
          + " scanned="
          + scanned
          + " rewritten="
          + rewritten
          + " alreadyCurrent="
          + alreadyCurrent
          + " changedConcurrently="
          + changedConcurrently
          + " duplicateIdNumbers="
          + duplicateIdNumbers
          + " failed="
          + failed
          + " tookMillis="
          + tookMillis;
    }
  }

  /** The admin endpoint: the district administrator only; audited. */
  ReEncryptionReport reEncryptForCaller() {
    if (!Actor.current().has(Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    return reEncryptAll("request");
  }

  /** One run; runs never overlap in this process (a second waits, then finds little to do). */
  synchronized ReEncryptionReport reEncryptAll(String trigger) {
    long started = System.nanoTime();
    long scanned = 0;
    long rewritten = 0;
    long current = 0;
    long concurrent = 0;
    long duplicates = 0;
    long failed = 0;
    String last = null;
    Bson fields =
        Projections.include(
            "idNumberEncrypted", "phoneEncrypted", "phoneHash", "idNumberHash", "idNumberHashKey");
    while (true) {
      List<Document> batch =
          residents
              .find(last == null ? new Document() : gt("_id", last))
              .projection(fields)
              .sort(Sorts.ascending("_id"))
              .limit(batchSize)
              .into(new ArrayList<>());
      if (batch.isEmpty()) {
        break;
      }
      for (Document doc : batch) {
        scanned++;
        String id = doc.getString("_id");
        last = id;
        String idEncrypted = doc.getString("idNumberEncrypted");
        String phoneEncrypted = doc.getString("phoneEncrypted");
        String hashKey = doc.get("idNumberHashKey", UNHASHED_KEY);
        boolean idCurrent = idEncrypted == null || pii.isCurrent(idEncrypted);
        boolean phoneCurrent = phoneEncrypted == null || pii.isCurrent(phoneEncrypted);
        boolean hashCurrent = idEncrypted == null || pii.activeHashKey().equals(hashKey);
        // the phone's keyed hash shares the ID number's hash key; records registered before the
        // call centre's phone look-up get one here
        boolean phoneHashCurrent =
            phoneEncrypted == null || (hashCurrent && doc.getString("phoneHash") != null);
        if (idCurrent && phoneCurrent && hashCurrent && phoneHashCurrent) {
          current++;
          continue;
        }
        try {
          List<Bson> changes = new ArrayList<>();
          if (!idCurrent || !hashCurrent) {
            String idNumber = pii.decrypt(idEncrypted);
            if (!idCurrent) {
              changes.add(Updates.set("idNumberEncrypted", pii.encrypt(idNumber)));
            }
            if (!hashCurrent) {
              changes.add(Updates.set("idNumberHash", pii.hash(idNumber)));
              changes.add(Updates.set("idNumberHashKey", pii.activeHashKey()));
            }
          }
          if (!phoneCurrent || !phoneHashCurrent) {
            String phone = pii.decrypt(phoneEncrypted);
            if (!phoneCurrent) {
              changes.add(Updates.set("phoneEncrypted", pii.encrypt(phone)));
            }
            if (!phoneHashCurrent) {
              changes.add(Updates.set("phoneHash", pii.hash(phone)));
            }
          }
          Bson unchanged =
              and(
                  eq("_id", id),
                  eq("idNumberEncrypted", idEncrypted),
                  eq("phoneEncrypted", phoneEncrypted),
                  eq("idNumberHash", doc.getString("idNumberHash")));
          if (residents.updateOne(unchanged, Updates.combine(changes)).getModifiedCount() == 1) {
            rewritten++;
          } else {
            concurrent++;
          }
        } catch (MongoWriteException e) {
          if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
            throw e;
          }
          duplicates++;
          log.warn(
              "resident {}: its ID number is registered again under another hash key; left under its old keys",
              id);
        } catch (PersonalData.PersonalDataException e) {
          failed++;
          log.warn("resident {}: cannot re-encrypt: {}", id, e.getMessage());
        }
      }
    }
    var report =
        new ReEncryptionReport(
            pii.activePrefix().substring(0, pii.activePrefix().length() - 1),
            pii.activeHashKey(),
            scanned,
            rewritten,
            current,
            concurrent,
            duplicates,
            failed,
            (System.nanoTime() - started) / 1_000_000);
    log.info("personal data re-encrypted ({}): {}", trigger, report.summary());
    audit.record(
        AUDIT_ACTION,
        "residents",
        "personal-data",
        failed == 0 ? Outcome.SUCCESS : Outcome.FAILED,
        "trigger=" + trigger + " " + report.summary());
    return report;
  }
}
