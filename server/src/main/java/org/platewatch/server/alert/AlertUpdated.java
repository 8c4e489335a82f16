package org.platewatch.server.alert;

/** Published after a transition of an alert was committed, with the alert as it is now. */
public record AlertUpdated(Alert alert) {}
