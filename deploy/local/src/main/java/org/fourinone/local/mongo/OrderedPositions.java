package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The candidates an {@link OrderedSecondaryIndex} found for one value of its first field, in the
 * order of its other keys: what a sort on those keys would give, so a page can be read from the
 * front (or, for the opposite sort, the back) and stop at its limit.
 */
final class OrderedPositions implements Iterable<Object> {

  private final List<Object> positions;
  private final List<IndexKey> order;

  OrderedPositions(List<Object> positions, List<IndexKey> order) {
    this.positions = positions;
    this.order = order;
  }

  @Override
  public Iterator<Object> iterator() {
    return positions.iterator();
  }

  /**
   * The positions in the order {@code orderBy} asks for, if these are in it: its keys are the first
   * of the index's order keys, each in the index's direction (or each in the opposite one, then
   * read backwards); {@code null} otherwise (another key, {@code $natural}, a mix of directions),
   * and the server sorts.
   */
  Iterable<Object> inOrderOf(Document orderBy) {
    Boolean forward = direction(order, orderBy);
    if (forward == null) {
      return null;
    }
    if (forward) {
      return positions;
    }
    List<Object> backwards = new ArrayList<>(positions);
    Collections.reverse(backwards);
    return backwards;
  }

  /**
   * Whether entries kept in the order of {@code order} are in the order {@code orderBy} asks for:
   * {@code true} read forwards, {@code false} read backwards, {@code null} not at all.
   */
  static Boolean direction(List<IndexKey> order, Document orderBy) {
    if (orderBy == null || orderBy.isEmpty() || orderBy.size() > order.size()) {
      return null;
    }
    Boolean forward = null;
    int i = 0;
    for (Map.Entry<String, Object> key : orderBy.entrySet()) {
      IndexKey indexKey = order.get(i++);
      if (!indexKey.getKey().equals(key.getKey()) || !(key.getValue() instanceof Number n)) {
        return null;
      }
      int direction = n.intValue();
      if (direction != 1 && direction != -1) {
        return null;
      }
      boolean same = (direction == 1) == indexKey.isAscending();
      if (forward == null) {
        forward = same;
      } else if (forward != same) {
        return null;
      }
    }
    return forward;
  }
}
