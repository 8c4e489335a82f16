package org.platewatch.modularity.allowed.camera;

import org.platewatch.modularity.allowed.camera.internal.Lens;

/** The camera feature's API. */
public class Camera {

    private final Lens lens = new Lens();

    public String describe() {
        return "camera with " + lens.name();
    }
}
