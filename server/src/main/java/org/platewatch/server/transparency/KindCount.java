package org.platewatch.server.transparency;

/** A count of one kind of thing in a month: searches of one purpose, releases to one type of agency. */
public record KindCount(String kind, long count) {}
