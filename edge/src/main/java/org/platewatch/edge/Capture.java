package org.platewatch.edge;

import java.nio.file.Path;

/**
 * One image from the camera source, whole.
 *
 * @param name    the file's name, or the snapshot's sequence number: what log lines name it by
 * @param jpeg    the image's bytes
 * @param file    the image file in the watched directory, or null for a snapshot
 * @param sidecar the image's sidecar file ({@code NAME.json} beside it), or null when there is none
 */
record Capture(String name, byte[] jpeg, Path file, Path sidecar) {

    @Override
    public String toString() {
        return "Capture[" + name + ", " + jpeg.length + " bytes]";
    }
}
