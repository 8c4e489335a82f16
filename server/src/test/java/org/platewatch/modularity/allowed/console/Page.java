package org.platewatch.modularity.allowed.console;

import org.platewatch.modularity.allowed.camera.Camera;

/** Uses the camera feature through its API only. */
public class Page {

    public String render() {
        return new Camera().describe();
    }
}
