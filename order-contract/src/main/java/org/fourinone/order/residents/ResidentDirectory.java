package org.fourinone.order.residents;

import java.util.Optional;

/**
 * What a system knows of the residents it serves: public-service asks its registry (一人一档), the
 * other systems their replica fed by {@code community.residents.v1}.
 */
public interface ResidentDirectory {

  Optional<ResidentSummary> find(String residentId);

  /** The little every system needs: who, and in which community. */
  record ResidentSummary(String residentId, String name, String communityId, String streetId) {

    /**
     * The fields every resident document keeps under these names, in the registry and in a replica.
     */
    public static ResidentSummary of(String residentId, org.bson.Document document) {
      return new ResidentSummary(
          residentId,
          document.getString("name"),
          document.getString("communityId"),
          document.getString("streetId"));
    }
  }
}
