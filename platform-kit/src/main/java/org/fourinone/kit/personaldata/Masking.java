package org.fourinone.kit.personaldata;

import org.fourinone.kit.validation.MobileNumbers;

/**
 * How personal data is shown wherever it is not served in clear (the resident record, events,
 * logs): the one place that says which characters are hidden.
 *
 * <ul>
 *   <li>ID numbers: the first 3 (province and city) and the last 4 characters, the rest hidden —
 *       {@code 110***********123X} (18 characters), {@code 110********1234} for a 15-digit number
 *       of the first generation;
 *   <li>mobiles: the first 3 (the network) and the last 4 digits — {@code 138****5678};
 *   <li>landlines (community offices, street offices) are published numbers: never masked;
 *   <li>names are not masked: the record is only served to people who serve the resident by name
 *       within their own territory (the window, the call centre, the door-to-door visit), a name
 *       alone identifies nobody in a district, and homonyms are told apart by the masked ID number.
 * </ul>
 */
public final class Masking {

  private Masking() {}

  /** {@code 110***********123X}, or {@code 110********1234} for a 15-digit number. */
  public static String idNumber(String number) {
    return switch (number.length()) {
      case 18 -> number.substring(0, 3) + "*".repeat(11) + number.substring(14);
      case 15 -> number.substring(0, 3) + "*".repeat(8) + number.substring(11);
      default ->
          throw new IllegalArgumentException(
              "an ID number has 18 or 15 characters, not " + number.length());
    };
  }

  /** {@code 138****5678}. */
  public static String mobile(String mobile) {
    if (mobile.length() != 11) {
      throw new IllegalArgumentException("a mobile number has 11 digits, not " + mobile.length());
    }
    return mobile.substring(0, 3) + "****" + mobile.substring(7);
  }

  /**
   * A phone as it may be shown: a mobile masked, a landline (an office's published number) as it
   * is.
   */
  public static String phone(String phone) {
    return MobileNumbers.parse(phone).map(Masking::mobile).orElse(phone);
  }

  /** Names are shown as they are (see the class comment). */
  public static String name(String name) {
    return name;
  }

  /**
   * A name in an answer anyone may get (the public check of a certificate, 公示): the surname and a
   * star for each other character — {@code 李**}.
   */
  public static String publicName(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first)
        + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
  }
}
