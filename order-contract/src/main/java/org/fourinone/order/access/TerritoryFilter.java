package org.fourinone.order.access;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.problem.Problem;

/**
 * 属地化管理 as a MongoDB filter over any collection a system keeps: what the caller may see of it —
 * everything for the district (and partner systems), their street's, their community's, their
 * organisation's, or their own (as a social worker), the union for several roles — given the fields
 * that hold each in the documents (null: the documents have none). The same rule as {@link
 * AccessPolicy#covers}; a caller none of whose roles has such a scope gets 403.
 *
 * @param community the field with the community id (a single value or an array of them)
 * @param street the field with the street id (or ids)
 * @param organisation the field with the organisation the document belongs to, for its staff
 * @param person the field with a person's account, for a social worker's own documents
 */
public record TerritoryFilter(String community, String street, String organisation, String person) {

  public Bson of(Actor caller) {
    AccessPolicy.requireBusinessRole(caller);
    return within(caller).orElseThrow(Problem::forbidden);
  }

  /** The filter, or empty if none of the caller's roles has such a scope. */
  public Optional<Bson> within(Actor caller) {
    if (caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)) {
      return Optional.of(new Document());
    }
    List<Bson> any = new ArrayList<>();
    if (organisation != null
        && caller.has(Role.ORGANISATION_STAFF)
        && caller.organisationId() != null) {
      any.add(eq(organisation, caller.organisationId()));
    }
    if (person != null && caller.has(Role.SOCIAL_WORKER)) {
      any.add(eq(person, caller.subject()));
    }
    if (street != null && caller.has(Role.STREET_OFFICER) && caller.streetId() != null) {
      any.add(eq(street, caller.streetId()));
    }
    if (community != null
        && caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)
        && caller.communityId() != null) {
      any.add(eq(community, caller.communityId()));
    }
    if (any.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(any.size() == 1 ? any.get(0) : or(any));
  }
}
