package org.fourinone.kit.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Valid 18-digit 身份证 numbers (GB 11643 checksum) for tests. */
public final class IdNumbers {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private IdNumbers() {}

  public static String valid() {
    var random = ThreadLocalRandom.current();
    String body =
        String.format(
            "220102%04d%02d%02d%03d",
            1930 + random.nextInt(75), 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(1000));
    return body + checkChar(body);
  }

  /** The same number with a wrong check character. */
  public static String withBadChecksum() {
    String valid = valid();
    char wrong = valid.charAt(17) == '1' ? '2' : '1';
    return valid.substring(0, 17) + wrong;
  }

  public static char checkChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  public static String mobile() {
    return "13" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
  }
}
