package org.fourinone.kit.geo;

/**
 * Great-circle distances between WGS-84 (or GCJ-02, the same within a district) coordinates, by the
 * haversine formula: enough to tell a check-in 50 m from the place from one 5 km away, and to rank
 * volunteers by how far their community is.
 */
public final class Distances {

  private static final double EARTH_RADIUS_METRES = 6_371_008.8;

  private Distances() {}

  public static double metres(double lat1, double lng1, double lat2, double lng2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLng = Math.toRadians(lng2 - lng1);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLng / 2)
                * Math.sin(dLng / 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
