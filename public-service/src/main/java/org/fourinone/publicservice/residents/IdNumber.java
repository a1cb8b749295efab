package org.fourinone.publicservice.residents;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** 居民身份证号码 (GB 11643-1999): 17 digits (region, birth date, order) and a check character. */
final class IdNumber {
  private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private IdNumber() {}

  /** The number in canonical form (upper-case X), if it is valid. */
  static java.util.Optional<String> parse(String raw) {
    if (raw == null) {
      return java.util.Optional.empty();
    }
    String value = raw.trim().toUpperCase(java.util.Locale.ROOT);
    if (!SHAPE.matcher(value).matches() || !validBirthDate(value) || checkChar(value) != value.charAt(17)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(value);
  }

  static char checkChar(String number) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (number.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  private static boolean validBirthDate(String value) {
    try {
      LocalDate birth =
          LocalDate.of(
              Integer.parseInt(value.substring(6, 10)),
              Integer.parseInt(value.substring(10, 12)),
              Integer.parseInt(value.substring(12, 14)));
      return birth.getYear() >= 1900 && !birth.isAfter(LocalDate.now());
    } catch (DateTimeException e) {
      return false;
    }
  }
}
