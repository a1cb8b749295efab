package org.fourinone.publicservice.geography;

/** A community (社区) of the district, with where its service hall is and how to call it. */
public record Community(
    String communityId,
    String name,
    String streetId,
    String streetName,
    String district,
    String address,
    String officePhone,
    Location location) {

  /** WGS-84 degrees of the community hall, for maps and route directions. */
  public record Location(double lat, double lng) {}
}
