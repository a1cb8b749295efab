package org.fourinone.kit.validation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over the 31 characters {@value #ALPHABET} (no I, O, S, V,
 * Z) — the registering authority (1), the kind of body (1), the administrative division (6), the
 * organisation code (9) and a check character: with v(c) the place of c in the alphabet and the
 * weights 3^i mod 31, c18 = alphabet[(31 − Σ v·w mod 31) mod 31]. The platform's one copy of the
 * rule.
 */
public final class CreditCodes {

  /** The characters a code may use, in the order that gives each its value. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  /** The registering authority of social organisations (民政). */
  public static final char CIVIL_AFFAIRS = '5';

  private static final Pattern SHAPE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };

  private CreditCodes() {}

  /** The code in canonical form (upper case, trimmed) if its shape and check character fit. */
  public static Optional<String> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.trim().toUpperCase(Locale.ROOT);
    if (!SHAPE.matcher(value).matches() || checkChar(value) != value.charAt(17)) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** The check character of the first 17 characters. */
  public static char checkChar(String first17) {
    if (first17 == null || first17.length() < 17) {
      throw new IllegalArgumentException("need 17 characters, got " + first17);
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int value = ALPHABET.indexOf(first17.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException(
            "'" + first17.charAt(i) + "' is not a character of a credit code");
      }
      sum += value * WEIGHTS[i];
    }
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }

  /** The first 17 characters with their check character appended. */
  public static String complete(String first17) {
    return first17 + checkChar(first17);
  }
}
