package org.fourinone.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Object Mother for 一人一档 registrations. */
public final class Residents {

  private Residents() {}

  /** A resident with a fresh valid ID number and mobile number. */
  public static Map<String, Object> aResident(String communityId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "王秀兰");
    body.put("idNumber", IdNumbers.valid());
    body.put("phone", IdNumbers.mobile());
    body.put("communityId", communityId);
    body.put("address", "东直门内大街100号3号楼2单元501");
    return body;
  }

  /** The same registration with an ID number whose check character is wrong. */
  public static Map<String, Object> withBadIdChecksum(String communityId) {
    Map<String, Object> body = aResident(communityId);
    body.put("idNumber", IdNumbers.withBadChecksum());
    return body;
  }
}
