package org.fourinone.kit.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mainland mobile number: 11 digits starting 1[3-9], written with spaces, dashes or +86 as people
 * do.
 */
public final class MobileNumbers {

  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private MobileNumbers() {}

  /** The bare 11 digits, if the text is a mobile number. */
  public static Optional<String> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.replaceAll("[\\s-]", "");
    if (value.startsWith("+86")) {
      value = value.substring(3);
    }
    return isMobile(value) ? Optional.of(value) : Optional.empty();
  }

  /** Whether the text is exactly 11 digits of a mobile number. */
  public static boolean isMobile(String digits) {
    return MOBILE.matcher(digits).matches();
  }
}
