package org.fourinone.kit.ids;

import java.security.SecureRandom;

/**
 * Random identifiers in Crockford's base-32 alphabet (digits and upper-case letters without I, L,
 * O, U: nothing a person reading an id over the phone can confuse), e.g. {@code R-7K3F9Q2XAB}.
 */
public final class RandomIds {

  /** The alphabet of every id the platform makes: 32 characters, 5 bits each. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomIds() {}

  /** {@code length} random characters of the alphabet. */
  public static String chars(int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  /** {@code prefix} followed by {@code length} random characters. */
  public static String of(String prefix, int length) {
    return prefix + chars(length);
  }
}
