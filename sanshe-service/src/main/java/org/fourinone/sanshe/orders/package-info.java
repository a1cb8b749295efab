/**
 * 三社联动's part of the order contract. Its order types — the services of its menu (服务通) — and their
 * rules are in {@code order-types.json} beside this package: carried by social organisations and
 * social workers (and volunteers where a type allows), handled by the community's workers and
 * social workers, never by party staff. Organisations and social workers are not registered yet, so
 * any well-formed assignee is accepted (the contract's default registry). {@link
 * org.fourinone.sanshe.orders.FulfilmentRecord} keeps what each organisation fulfilled and how
 * residents rated it: the measured input of the star rating (星级评定).
 */
package org.fourinone.sanshe.orders;
