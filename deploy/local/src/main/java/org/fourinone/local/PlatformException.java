package org.fourinone.local;

/** A component could not be started or did not become ready; the message says which and why. */
public class PlatformException extends RuntimeException {

  private final String component;
  private final String logTail;

  public PlatformException(String component, String message, String logTail) {
    super(message);
    this.component = component;
    this.logTail = logTail;
  }

  public PlatformException(String component, String message, Throwable cause) {
    super(message, cause);
    this.component = component;
    this.logTail = "";
  }

  /** Name of the component that failed, e.g. {@code kafka}. */
  public String component() {
    return component;
  }

  /** Last lines of the component's log, or empty. */
  public String logTail() {
    return logTail;
  }
}
