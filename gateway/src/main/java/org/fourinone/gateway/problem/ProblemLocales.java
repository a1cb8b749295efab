package org.fourinone.gateway.problem;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;

/**
 * Chooses the language of a problem from {@code Accept-Language}: English when the client prefers
 * it, Simplified Chinese otherwise (the platform's default, also for a missing or unparsable
 * header).
 */
public final class ProblemLocales {

  public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;

  private ProblemLocales() {}

  public static Locale resolve(HttpHeaders headers) {
    List<Locale.LanguageRange> ranges;
    try {
      ranges = headers.getAcceptLanguage(); // sorted by weight, highest first
    } catch (IllegalArgumentException unparsable) {
      return DEFAULT;
    }
    for (Locale.LanguageRange range : ranges) {
      if (range.getWeight() <= 0) {
        continue;
      }
      String language = range.getRange().split("-", 2)[0];
      if (language.equals("en")) {
        return Locale.ENGLISH;
      }
      if (language.equals("zh")) {
        return DEFAULT;
      }
    }
    return DEFAULT;
  }
}
