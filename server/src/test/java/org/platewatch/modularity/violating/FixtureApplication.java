package org.platewatch.modularity.violating;

import org.springframework.modulith.Modulith;

/** The root of a two-feature fixture that {@code ModularityTests} verifies like the real application. */
@Modulith
public class FixtureApplication {}
