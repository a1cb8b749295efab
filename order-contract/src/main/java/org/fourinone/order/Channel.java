package org.fourinone.order;

/** The four channels (四端服务) through which a resident places an order. */
public enum Channel {
  /** PC端网站. */
  WEB(false),
  /** 手机端APP. */
  APP(false),
  /** 电话呼叫中心: an operator places the order on the resident's behalf. */
  CALL_CENTER(true),
  /** 上门服务: a worker visits and places it for the resident. */
  DOOR_TO_DOOR(true);

  private final boolean assisted;

  Channel(boolean assisted) {
    this.assisted = assisted;
  }

  /** Whether an operator places the order on the resident's behalf (and must be named). */
  public boolean assisted() {
    return assisted;
  }
}
