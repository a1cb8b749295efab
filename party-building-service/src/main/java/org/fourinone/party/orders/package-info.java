/**
 * The party-building system's part of the order contract. Its order types — 微心愿, 红色代办 and the other
 * services party members give — and their rules are in {@code order-types.json} beside this package
 * (dispatched to a party member, a volunteer or a partner unit; handled by party staff and the
 * community). {@link org.fourinone.party.orders.MemberService} counts each party member's service,
 * whatever system the order came from.
 */
package org.fourinone.party.orders;
