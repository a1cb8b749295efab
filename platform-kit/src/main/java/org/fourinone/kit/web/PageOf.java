package org.fourinone.kit.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list, newest first; {@code page} counts from 0. */
public record PageOf<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  public static <T> PageOf<T> of(List<T> items, int page, int size, long total) {
    return new PageOf<>(items, page, size, total, (int) ((total + size - 1) / size));
  }

  public <R> PageOf<R> map(Function<T, R> f) {
    return new PageOf<>(items.stream().map(f).toList(), page, size, totalItems, totalPages);
  }
}
