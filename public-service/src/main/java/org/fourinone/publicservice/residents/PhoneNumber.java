package org.fourinone.publicservice.residents;

import java.util.Optional;
import java.util.regex.Pattern;

/** A mainland mobile number: 11 digits starting 1[3-9]. */
final class PhoneNumber {
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private PhoneNumber() {}

  static Optional<String> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.replaceAll("[\\s-]", "");
    if (value.startsWith("+86")) {
      value = value.substring(3);
    }
    return MOBILE.matcher(value).matches() ? Optional.of(value) : Optional.empty();
  }
}
