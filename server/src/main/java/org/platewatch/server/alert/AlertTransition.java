package org.platewatch.server.alert;

import java.time.Instant;

/** One step of an alert's life cycle: who moved it from which state to which, when, and what they recorded. */
public record AlertTransition(AlertState from, AlertState to, String by, Instant at, Transition details) {}
