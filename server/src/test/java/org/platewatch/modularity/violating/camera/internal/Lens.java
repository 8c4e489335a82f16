package org.platewatch.modularity.violating.camera.internal;

/** Public for the camera feature's own packages, but internal: no other feature may use it. */
public class Lens {

    public String name() {
        return "lens";
    }
}
