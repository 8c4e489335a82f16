package org.platewatch.modularity.violating.camera;

import org.platewatch.modularity.violating.camera.internal.Lens;

/** The camera feature's API. */
public class Camera {

    private final Lens lens = new Lens();

    public String describe() {
        return "camera with " + lens.name();
    }
}
