package org.fourinone.kit.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * 居民身份证号码 (GB 11643-1999): 6 digits of region, 8 of birth date, 3 of order and a check character
 * (ISO 7064 MOD 11-2). The platform's one copy of the rule.
 */
public final class IdNumbers {

  private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private IdNumbers() {}

  /**
   * The number in canonical form (upper-case X), if it is a valid number of a person born by today.
   */
  public static Optional<String> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.trim().toUpperCase(Locale.ROOT);
    if (!hasValidCheckChar(value) || !plausibleBirthDate(value, LocalDate.now())) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** Whether the text has the shape of an 18-character number and its check character fits. */
  public static boolean hasValidCheckChar(String value) {
    return SHAPE.matcher(value).matches() && checkChar(value) == value.charAt(17);
  }

  /**
   * The check character for the first 17 digits: Σ(digit × weight) mod 11 mapped to 1, 0, X, 9, …,
   * 2.
   */
  public static char checkChar(String first17) {
    if (first17 == null
        || first17.length() < 17
        || !first17.substring(0, 17).chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("need 17 digits, got " + first17);
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /** The first 17 digits with their check character appended. */
  public static String complete(String first17) {
    return first17 + checkChar(first17);
  }

  /** Whether digits 7–14 are a real date between 1900 and {@code today}. */
  public static boolean plausibleBirthDate(String value, LocalDate today) {
    try {
      LocalDate birth =
          LocalDate.of(
              Integer.parseInt(value.substring(6, 10)),
              Integer.parseInt(value.substring(10, 12)),
              Integer.parseInt(value.substring(12, 14)));
      return birth.getYear() >= 1900 && !birth.isAfter(today);
    } catch (DateTimeException | NumberFormatException | StringIndexOutOfBoundsException e) {
      return false;
    }
  }
}
