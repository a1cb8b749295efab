package org.fourinone.kit.problem;

/** Told of every request refused as forbidden, e.g. to write it to the audit trail. */
public interface RefusalObserver {

  /**
   * @param request method and path of the refused request
   * @param code the problem's code
   */
  void forbidden(String request, String code);
}
