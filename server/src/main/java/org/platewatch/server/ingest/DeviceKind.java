package org.platewatch.server.ingest;

/** A fixed camera at a known place, or a mobile unit (a patrol car) that reports its own position. */
public enum DeviceKind {
    FIXED,
    MOBILE
}
