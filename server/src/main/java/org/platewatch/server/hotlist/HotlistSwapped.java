package org.platewatch.server.hotlist;

/** Published after a new hot-list index was swapped in (import, approval, change or expiry). */
public record HotlistSwapped(int entriesInForce) {}
