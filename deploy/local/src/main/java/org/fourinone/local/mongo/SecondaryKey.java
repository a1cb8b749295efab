package org.fourinone.local.mongo;

/**
 * One entry of an {@link OrderedSecondaryIndex}: the value of the index's first field, the values
 * of its other keys (the order within one value) and the document's position ({@code _id}); or a
 * search bound, whose position is a {@link Probe}.
 */
record SecondaryKey(Object value, Object[] orderValues, Object position) {

  private static final Object[] NONE = {};

  /**
   * The position of a search bound that holds only the first values of the order keys: it sorts
   * just before ({@link #LOW}) or just after ({@link #HIGH}) every entry that starts with them.
   */
  enum Probe {
    LOW(-1),
    HIGH(1);

    final int side;

    Probe(int side) {
      this.side = side;
    }
  }

  /** The bound just before ({@code LOW}) or after ({@code HIGH}) every entry of {@code value}. */
  static SecondaryKey bound(Object value, Probe side) {
    return new SecondaryKey(value, NONE, side);
  }

  boolean isProbe() {
    return position instanceof Probe;
  }
}
