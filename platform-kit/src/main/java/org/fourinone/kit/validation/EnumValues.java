package org.fourinone.kit.validation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fourinone.kit.problem.Problem;

/**
 * An enum's value as a request gives it in text (any case, trimmed), or a 400 that names the field
 * and the allowed values: requests carry enums as strings so that a wrong one gets a clear message.
 */
public final class EnumValues {

  private EnumValues() {}

  public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    if (value == null || value.isBlank()) {
      throw Problem.badRequest("request.field-required", field)
          .with("field", field)
          .with("allowed", allowed);
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("request.invalid-enum", field, value, String.join(", ", allowed))
          .with("field", field)
          .with("allowed", allowed);
    }
  }
}
