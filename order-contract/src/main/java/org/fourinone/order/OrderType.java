package org.fourinone.order;

/** A kind of order a system offers: code, Chinese name, category (e.g. 养老照护). */
public record OrderType(String code, String name, String category) {}
