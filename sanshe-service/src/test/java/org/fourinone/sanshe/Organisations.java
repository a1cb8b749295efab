package org.fourinone.sanshe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.validation.CreditCodes;
import org.fourinone.testing.IdNumbers;

/** Object Mother of organisation requests: a registered social service agency unless changed. */
final class Organisations {

  private Organisations() {}

  /** A valid civil-affairs credit code of the kind's category ('1', '2', '3'). */
  static String creditCode(char category) {
    StringBuilder body = new StringBuilder();
    String alphabet = CreditCodes.ALPHABET;
    for (char c : RandomIds.chars(9).toCharArray()) {
      body.append(alphabet.indexOf(c) >= 0 ? c : '7');
    }
    return CreditCodes.complete("5" + category + "110101" + body);
  }

  static Map<String, Object> anAgency(String id, String homeStreet) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("organisationId", id);
    body.put("name", "测试社会工作服务中心" + id);
    body.put("kind", "SOCIAL_SERVICE_AGENCY");
    body.put("creditCode", creditCode('2'));
    body.put("serviceDomains", List.of("ELDERLY_CARE"));
    body.put("contact", Map.of("name", "孙丽", "phone", "010-64001234"));
    body.put(
        "legalRepresentative",
        Map.of("name", "孙丽", "idNumber", IdNumbers.valid(), "phone", IdNumbers.mobile()));
    body.put("homeStreetId", homeStreet);
    body.put("status", "ACTIVE");
    body.put(
        "settlement",
        Map.of("level", "STREET", "centreId", homeStreet, "since", "2024-03-01", "room", "203室"));
    return body;
  }

  static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(body);
    changed.put(field, value);
    return changed;
  }

  static Map<String, Object> anOffer(int capacity, String... communities) {
    return Map.of("price", 0, "capacityPerWeek", capacity, "communities", List.of(communities));
  }

  static String anId() {
    return "ORG-T" + RandomIds.chars(8);
  }
}
