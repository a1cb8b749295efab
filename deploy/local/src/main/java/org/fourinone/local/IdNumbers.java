package org.fourinone.local;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/** 18-digit resident ID numbers (居民身份证号码) for demo data, completed by the kit's GB 11643 rule. */
public final class IdNumbers {

  private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd");

  /**
   * Administrative division codes of real districts (北京朝阳, 上海徐汇, 深圳南山, 杭州西湖, 成都武侯, 武汉武昌, 南京玄武,
   * 青岛市南).
   */
  static final String[] REGIONS = {
    "110105", "310104", "440305", "330106", "510107", "420106", "320102", "370202"
  };

  private IdNumbers() {}

  /**
   * An ID number for a person born on {@code birth} in {@code region}; the sequence's last digit is
   * odd for men and even for women, as the standard says.
   */
  public static String of(String region, LocalDate birth, int sequence, boolean male) {
    if (!region.matches("\\d{6}")) {
      throw new IllegalArgumentException("Region code must be 6 digits: " + region);
    }
    int seq = Math.floorMod(sequence, 500) * 2 + (male ? 1 : 0);
    String first17 = region + birth.format(BIRTH) + String.format("%03d", seq);
    return org.fourinone.kit.validation.IdNumbers.complete(first17);
  }

  /** A random valid ID number of an adult (born 1945–2005). */
  public static String random(Random random, boolean male) {
    String region = REGIONS[random.nextInt(REGIONS.length)];
    LocalDate birth = LocalDate.of(1945, 1, 1).plusDays(random.nextInt(60 * 365));
    return of(region, birth, random.nextInt(1000), male);
  }
}
