package org.platewatch.modularity.violating.console;

import org.platewatch.modularity.violating.camera.internal.Lens;

/** Reaches into the camera feature's internals: the modularity check must refuse this. */
public class Page {

    public String render() {
        return new Lens().name();
    }
}
