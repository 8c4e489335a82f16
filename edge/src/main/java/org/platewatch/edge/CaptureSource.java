package org.platewatch.edge;

import java.io.IOException;
import java.util.List;

/** Where the camera's images come from: a watched directory or a polled snapshot URL. */
interface CaptureSource {

    /** The images that are complete and not yet taken; empty when none is. */
    List<Capture> poll() throws IOException;

    /** The image's read (if any) is journalled: the source may forget it. */
    void taken(Capture capture) throws IOException;

    /** The image cannot be read (corrupt, not an image): set it aside, so that it is not taken again. */
    void rejected(Capture capture) throws IOException;

    /** What {@code edge check} names the source as. */
    String describe();
}
