package org.fourinone.local;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/** 18-digit resident ID numbers (居民身份证号码) per GB 11643-1999, for demo data. */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd");

    /** Administrative division codes of real districts (北京朝阳, 上海徐汇, 深圳南山, 杭州西湖, 成都武侯, 武汉武昌, 南京玄武, 青岛市南). */
    static final String[] REGIONS = {"110105", "310104", "440305", "330106", "510107", "420106", "320102", "370202"};

    private IdNumbers() {
    }

    /** The check character for the first 17 digits: Σ(digit × weight) mod 11 mapped to 1,0,X,9,…,2. */
    public static char checkChar(String first17) {
        if (first17 == null || !first17.matches("\\d{17}")) {
            throw new IllegalArgumentException("Need 17 digits, got " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    /** 17 digits, a valid birth date, and the right check character ('X' upper case). */
    public static boolean isValid(String idNumber) {
        if (idNumber == null || !idNumber.matches("\\d{17}[0-9X]")) {
            return false;
        }
        try {
            LocalDate.parse(idNumber.substring(6, 14), BIRTH.withResolverStyle(java.time.format.ResolverStyle.STRICT)
                    .withChronology(java.time.chrono.IsoChronology.INSTANCE));
        } catch (RuntimeException e) {
            return false;
        }
        return checkChar(idNumber.substring(0, 17)) == idNumber.charAt(17);
    }

    /**
     * An ID number for a person born on {@code birth} in {@code region}; the sequence's last digit is odd
     * for men and even for women, as the standard says.
     */
    public static String of(String region, LocalDate birth, int sequence, boolean male) {
        if (!region.matches("\\d{6}")) {
            throw new IllegalArgumentException("Region code must be 6 digits: " + region);
        }
        int seq = Math.floorMod(sequence, 500) * 2 + (male ? 1 : 0);
        String first17 = region + birth.format(BIRTH) + String.format("%03d", seq);
        return first17 + checkChar(first17);
    }

    /** A random valid ID number of an adult (born 1945–2005). */
    public static String random(Random random, boolean male) {
        String region = REGIONS[random.nextInt(REGIONS.length)];
        LocalDate birth = LocalDate.of(1945, 1, 1).plusDays(random.nextInt(60 * 365));
        return of(region, birth, random.nextInt(1000), male);
    }
}
