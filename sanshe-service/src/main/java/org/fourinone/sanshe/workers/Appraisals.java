package org.fourinone.sanshe.workers;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.SatisfactionLevel;
import org.fourinone.order.access.Actor;

/**
 * 目标考评: a worker's yearly target appraisal — their self-report, the residents' assessment (the 好差评
 * of the orders they completed that year, measured), the employer's assessment, then public notice
 * (公示) with the result (优秀 / 合格 / 基本合格 / 不合格) and the grade change it proposes, and the keeper's
 * conclusion, which applies a confirmed change to the file (三岗十八级). The weights and thresholds are
 * configuration ({@code fourinone.sanshe.career.appraisal}).
 */
public class Appraisals {

  static final String COLLECTION = "worker_appraisals";

  /** The results, with the share of the performance pay each earns. */
  public enum Result {
    EXCELLENT,
    QUALIFIED,
    BASICALLY_QUALIFIED,
    UNQUALIFIED
  }

  /** The stages of an appraisal. */
  public enum Stage {
    OPEN,
    PUBLIC_NOTICE,
    CONCLUDED
  }

  private final MongoCollection<Document> appraisals;
  private final MongoCollection<Document> fulfilment;
  private final SocialWorkers workers;
  private final CareerLadder ladder;
  private final AuditTrail audit;
  private final ZoneId zone;
  private final Clock clock;

  public Appraisals(
      MongoDatabase database,
      SocialWorkers workers,
      CareerLadder ladder,
      AuditTrail audit,
      ZoneId zone,
      Clock clock) {
    this.appraisals = database.getCollection(COLLECTION);
    this.fulfilment = database.getCollection(WorkerRecord.COLLECTION);
    this.workers = workers;
    this.ladder = ladder;
    this.audit = audit;
    this.zone = zone;
    this.clock = clock;
  }

  /** 自评: the worker's own report of the year. */
  public AppraisalView selfReport(String workerId, int year, String summary, int score) {
    Actor caller = Actor.current();
    workers.visible(workerId);
    if (!caller.subject().equals(workerId)) {
      throw Problem.forbidden();
    }
    return write(
        workerId,
        year,
        "selfReport",
        new Document("summary", summary).append("score", score).append("at", now().toString()));
  }

  /** 单位评价: the employer's (or the file keeper's) assessment. */
  public AppraisalView assess(String workerId, int year, int score, String comment) {
    Actor caller = Actor.current();
    requireOtherKeeper(caller, workerId);
    return write(
        workerId,
        year,
        "employerAssessment",
        new Document("score", score)
            .append("comment", comment)
            .append("by", caller.subject())
            .append("at", now().toString()));
  }

  /** 公示: the result is computed from the three parts and shown until the keeper concludes. */
  public AppraisalView notice(String workerId, int year) {
    Actor caller = Actor.current();
    Document file = requireOtherKeeper(caller, workerId);
    Document held = find(workerId, year);
    if (held == null || held.get("selfReport") == null || held.get("employerAssessment") == null) {
      throw Problem.conflict("sanshe.appraisal-incomplete", workerId, year);
    }
    requireStage(held, Stage.OPEN);
    CareerLadder.Appraisal rules = ladder.appraisal();
    Map<String, Integer> ratings = ratingsOf(workerId, year);
    int rated = ratings.values().stream().mapToInt(Integer::intValue).sum();
    double residents =
        rated == 0
            ? rules.unratedResidents()
            : ratings.entrySet().stream()
                    .mapToDouble(
                        e -> rules.residentPoints().getOrDefault(e.getKey(), 0.0) * e.getValue())
                    .sum()
                / rated;
    double self = held.get("selfReport", Document.class).getInteger("score");
    double employer = held.get("employerAssessment", Document.class).getInteger("score");
    double total =
        Math.round(
                (rules.selfWeight() * self
                        + rules.residentsWeight() * residents
                        + rules.employerWeight() * employer)
                    * 100)
            / 100.0;
    Result result = resultOf(total, rules);
    Document post = file.get("post", Document.class);
    Integer proposed = null;
    if (post != null) {
      int grade = post.getInteger("grade");
      PostCategory category = PostCategory.valueOf(post.getString("category"));
      int step = result == Result.EXCELLENT ? 1 : result == Result.UNQUALIFIED ? -1 : 0;
      if (step != 0 && ladder.allows(category, grade + step)) {
        proposed = grade + step;
      }
    }
    Document outcome =
        new Document(
                "residents",
                new Document("rated", rated)
                    .append("ratings", ratings)
                    .append("score", Math.round(residents * 100) / 100.0))
            .append("total", total)
            .append("result", result.name())
            .append("performanceShare", rules.performanceShare().get(result.name()))
            .append("proposedGrade", proposed)
            .append("noticeFrom", now().toString());
    Document after =
        appraisals.findOneAndUpdate(
            and(eq("_id", idOf(workerId, year)), eq("stage", Stage.OPEN.name())),
            new Document(
                "$set",
                new Document("stage", Stage.PUBLIC_NOTICE.name()).append("outcome", outcome)),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    if (after == null) {
      throw Problem.conflict("sanshe.concurrent-change", workerId);
    }
    audit.record(
        "APPRAISAL_NOTICE", "social-worker", workerId, Outcome.SUCCESS, year + " " + result);
    return AppraisalView.of(after);
  }

  /** 结果: the keeper concludes, applying the proposed grade if they confirm it. */
  public AppraisalView conclude(String workerId, int year, boolean confirmGradeChange) {
    Actor caller = Actor.current();
    requireOtherKeeper(caller, workerId);
    Document held = find(workerId, year);
    if (held == null) {
      throw Problem.notFound("sanshe.appraisal-not-found", workerId, year);
    }
    requireStage(held, Stage.PUBLIC_NOTICE);
    Integer proposed = held.get("outcome", Document.class).getInteger("proposedGrade");
    Document after =
        appraisals.findOneAndUpdate(
            and(eq("_id", idOf(workerId, year)), eq("stage", Stage.PUBLIC_NOTICE.name())),
            new Document(
                "$set",
                new Document("stage", Stage.CONCLUDED.name())
                    .append(
                        "conclusion",
                        new Document("by", caller.subject())
                            .append("gradeChanged", confirmGradeChange && proposed != null)
                            .append("at", now().toString()))),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    if (after == null) {
      throw Problem.conflict("sanshe.concurrent-change", workerId);
    }
    if (confirmGradeChange && proposed != null) {
      workers.changeGrade(
          workerId,
          proposed,
          year + " 年度考评：" + held.get("outcome", Document.class).getString("result"));
    }
    audit.record("APPRAISAL_CONCLUDED", "social-worker", workerId, Outcome.SUCCESS, "" + year);
    return AppraisalView.of(after);
  }

  public List<AppraisalView> of(String workerId) {
    workers.visible(workerId);
    List<AppraisalView> all = new ArrayList<>();
    for (Document d : appraisals.find(eq("workerId", workerId)).sort(Sorts.descending("year"))) {
      all.add(AppraisalView.of(d));
    }
    return all;
  }

  private AppraisalView write(String workerId, int year, String part, Document value) {
    requireYear(year);
    Document held = find(workerId, year);
    if (held != null) {
      requireStage(held, Stage.OPEN);
    }
    Bson filter = and(eq("_id", idOf(workerId, year)), eq("stage", Stage.OPEN.name()));
    try {
      Document after =
          appraisals.findOneAndUpdate(
              filter,
              new Document("$set", new Document(part, value))
                  .append("$setOnInsert", new Document("workerId", workerId).append("year", year)),
              new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      return AppraisalView.of(after);
    } catch (com.mongodb.MongoCommandException | com.mongodb.MongoWriteException e) {
      // the appraisal moved past OPEN in between: the upsert hit its id
      throw Problem.conflict("sanshe.appraisal-stage", workerId, year);
    }
  }

  /** A keeper of the worker's file other than the worker: nobody assesses themself. */
  private Document requireOtherKeeper(Actor caller, String workerId) {
    Document file = workers.visible(workerId);
    SocialWorkers.requireKeeper(caller, file);
    if (caller.subject().equals(workerId)) {
      throw Problem.forbidden();
    }
    return file;
  }

  private Document find(String workerId, int year) {
    return appraisals.find(eq("_id", idOf(workerId, year))).first();
  }

  private Map<String, Integer> ratingsOf(String workerId, int year) {
    Document record = fulfilment.find(eq("_id", workerId)).first();
    Map<String, Integer> ratings = new LinkedHashMap<>();
    if (record != null) {
      Document y = record.get("years", Document.class);
      Document r = y == null ? null : y.get(String.valueOf(year), Document.class);
      Document levels = r == null ? null : r.get("ratings", Document.class);
      if (levels != null) {
        levels.forEach((k, v) -> ratings.put(k, ((Number) v).intValue()));
      }
    }
    for (SatisfactionLevel level : SatisfactionLevel.values()) {
      ratings.putIfAbsent(level.name(), 0);
    }
    return ratings;
  }

  static Result resultOf(double total, CareerLadder.Appraisal rules) {
    List<Integer> t = rules.thresholds();
    if (total >= t.get(0)) {
      return Result.EXCELLENT;
    }
    if (total >= t.get(1)) {
      return Result.QUALIFIED;
    }
    if (total >= t.get(2)) {
      return Result.BASICALLY_QUALIFIED;
    }
    return Result.UNQUALIFIED;
  }

  private static void requireStage(Document held, Stage stage) {
    if (!stage
        .name()
        .equals(held.getString("stage") == null ? Stage.OPEN.name() : held.getString("stage"))) {
      throw Problem.conflict(
              "sanshe.appraisal-stage", held.getString("workerId"), held.getInteger("year"))
          .with("stage", held.getString("stage"));
    }
  }

  private void requireYear(int year) {
    if (year > clock.instant().atZone(zone).getYear() || year < 2000) {
      throw Problem.badRequest("sanshe.date-in-future", year).with("field", "year");
    }
  }

  private static String idOf(String workerId, int year) {
    return workerId + ":" + year;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** An appraisal as it is shown. */
  public record AppraisalView(
      String workerId,
      int year,
      String stage,
      Map<String, Object> selfReport,
      Map<String, Object> employerAssessment,
      Map<String, Object> outcome,
      Map<String, Object> conclusion) {
    static AppraisalView of(Document d) {
      return new AppraisalView(
          d.getString("workerId"),
          d.getInteger("year"),
          d.getString("stage") == null ? Stage.OPEN.name() : d.getString("stage"),
          map(d, "selfReport"),
          map(d, "employerAssessment"),
          map(d, "outcome"),
          map(d, "conclusion"));
    }

    private static Map<String, Object> map(Document d, String field) {
      Document value = d.get(field, Document.class);
      return value == null ? null : new LinkedHashMap<>(value);
    }
  }
}
