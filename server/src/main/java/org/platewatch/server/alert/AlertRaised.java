package org.platewatch.server.alert;

/** Published after an alert was committed, on the thread of the upload (or re-match) that raised it. */
public record AlertRaised(Alert alert) {}
