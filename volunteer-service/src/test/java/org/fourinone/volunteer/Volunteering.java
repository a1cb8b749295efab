package org.fourinone.volunteer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fourinone.testing.IdNumbers;

/** Object Mother of the volunteer system's requests. */
final class Volunteering {

  private Volunteering() {}

  /** A person registering themself with a valid ID number, serving {@code community}. */
  static Map<String, Object> aPerson(String community, String... skills) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "person",
        Map.of(
            "name",
            "李志愿",
            "idNumber",
            IdNumbers.valid(),
            "phone",
            IdNumbers.mobile(),
            "communityId",
            community));
    body.put("skills", List.of(skills.length == 0 ? new String[] {"ELDERLY_COMPANION"} : skills));
    body.put("languages", List.of("zh"));
    body.put("communityIds", List.of(community));
    body.put("health", Map.of("fit", true));
    body.put("insurance", Map.of("insured", true, "until", "2030-12-31"));
    return body;
  }

  static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(body);
    changed.put(field, value);
    return changed;
  }

  /** An activity in {@code community} with one shift of {@code places} places. */
  static Map<String, Object> anActivity(String community, Instant start, Instant end, int places) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "社区助老活动");
    body.put("description", "陪伴社区老人");
    body.put("communityId", community);
    body.put("address", "和平里东街15号活动室");
    body.put("location", Map.of("lat", 39.9400, "lng", 116.4200));
    body.put("serviceKind", "ELDERLY_COMPANION");
    body.put(
        "shifts",
        List.of(
            Map.of(
                "start", start.toString(),
                "end", end.toString(),
                "places", places,
                "skills", List.of())));
    return body;
  }

  /** Declared help of {@code minutes} ending {@code end}. */
  static Map<String, Object> declared(String community, Instant start, Instant end) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("start", start.toString());
    body.put("end", end.toString());
    body.put("serviceKind", "ELDERLY_COMPANION");
    body.put("description", "帮邻居老人买药");
    body.put("communityId", community);
    return body;
  }
}
