package org.fourinone.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Valid 18-digit 身份证 numbers (the kit's GB 11643 rule) and mobiles for tests. */
public final class IdNumbers {
  private IdNumbers() {}

  public static String valid() {
    var random = ThreadLocalRandom.current();
    String body =
        String.format(
            "220102%04d%02d%02d%03d",
            1930 + random.nextInt(75),
            1 + random.nextInt(12),
            1 + random.nextInt(28),
            random.nextInt(1000));
    return org.fourinone.kit.validation.IdNumbers.complete(body);
  }

  /** The same number with a wrong check character. */
  public static String withBadChecksum() {
    String valid = valid();
    char wrong = valid.charAt(17) == '1' ? '2' : '1';
    return valid.substring(0, 17) + wrong;
  }

  public static String mobile() {
    return "13" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
  }
}
