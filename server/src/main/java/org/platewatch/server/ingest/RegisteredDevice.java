package org.platewatch.server.ingest;

/** A device just registered, with its token: the only time the token is ever shown. */
public record RegisteredDevice(Device device, String token) {}
