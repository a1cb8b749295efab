package org.fourinone.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fourinone.kit.validation.IdNumbers;
import org.fourinone.kit.validation.MobileNumbers;

/**
 * Finds personal data in clear in any text (a Kafka record, a log line, a stored document): an
 * 18-character 身份证 number with a plausible birth date and a valid check character, or an 11-digit
 * mainland mobile {@code 1[3-9]xxxxxxxxx} (also written {@code +86…}).
 *
 * <p>A number counts only as a whole token: a run of digits that is part of a longer run of ASCII
 * letters and digits is something else (an order id, a 32-digit-and-letter trace id, a UUID, a
 * timestamp in millis), so masked values ({@code 110***********123X}, {@code 138****5678}) and ids
 * never match. 15-digit ID numbers of the first generation carry no check character and are not
 * detected (too many false alarms).
 */
public final class PersonalDataScanner {
  /**
   * Birth dates up to here count as plausible: a scan must also catch numbers of people born "in
   * the future".
   */
  private static final LocalDate LATEST_BIRTH = LocalDate.of(2099, 12, 31);

  private PersonalDataScanner() {}

  /** Whether the text carries a clear ID number or mobile number. */
  public static boolean containsClearIdOrPhone(String text) {
    return !findings(text).isEmpty();
  }

  /**
   * What was found, masked (so a failing assertion does not print the clear value), with its
   * offset.
   */
  public static List<String> findings(String text) {
    List<String> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (!isAsciiAlphanumeric(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isAsciiAlphanumeric(text.charAt(i))) {
        i++;
      }
      String token = text.substring(start, i);
      if (isIdNumber(token)) {
        found.add(
            "ID number "
                + token.substring(0, 3)
                + "*".repeat(11)
                + token.substring(14)
                + " at "
                + start);
      } else if (isMobile(token)) {
        found.add("mobile " + token.substring(0, 3) + "****" + token.substring(7) + " at " + start);
      } else if (token.length() == 13
          && token.startsWith("86")
          && start > 0
          && text.charAt(start - 1) == '+'
          && isMobile(token.substring(2))) {
        found.add(
            "mobile +86" + token.substring(2, 5) + "****" + token.substring(9) + " at " + start);
      }
    }
    return found;
  }

  static boolean isIdNumber(String token) {
    String value = token.toUpperCase(Locale.ROOT);
    return IdNumbers.hasValidCheckChar(value) && IdNumbers.plausibleBirthDate(value, LATEST_BIRTH);
  }

  static boolean isMobile(String token) {
    return MobileNumbers.isMobile(token);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
