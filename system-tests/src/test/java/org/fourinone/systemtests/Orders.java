package org.fourinone.systemtests;

import java.util.LinkedHashMap;
import java.util.Map;

/** Object Mother for order requests and lifecycle command bodies. */
public final class Orders {

  public static final String WEB = "WEB";
  public static final String APP = "APP";
  public static final String CALL_CENTER = "CALL_CENTER";
  public static final String DOOR_TO_DOOR = "DOOR_TO_DOOR";

  private Orders() {}

  /**
   * An order through {@code channel}; assisted channels carry the resident's consent (the operator
   * is the caller).
   */
  public static Map<String, Object> anOrder(String residentId, String type, String channel) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("residentId", residentId);
    body.put("type", type);
    body.put("channel", channel);
    body.put("title", "独居老人居家照护");
    body.put("description", "老人腿脚不便，需要上门助浴和陪同就医，希望本周内安排。");
    body.put("address", "东直门街道东直门社区3号楼2单元501");
    if (CALL_CENTER.equals(channel)) {
      body.put("consent", Map.of("given", true, "how", "PHONE_RECORDING"));
    } else if (DOOR_TO_DOOR.equals(channel)) {
      body.put("consent", Map.of("given", true, "how", "IN_PERSON"));
    }
    return body;
  }

  /** A command with no body members of its own (accept, start). */
  public static Map<String, Object> nothing() {
    return Map.of();
  }

  public static Map<String, Object> assignTo(String assigneeType, String assignee) {
    return Map.of("assigneeType", assigneeType, "assignee", assignee);
  }

  public static Map<String, Object> completion(String note) {
    return Map.of("note", note);
  }

  public static Map<String, Object> because(String reason) {
    return Map.of("reason", reason);
  }

  public static Map<String, Object> rating(String level, String comment) {
    return Map.of("level", level, "comment", comment);
  }
}
