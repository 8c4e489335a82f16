package org.platewatch.server.reads;

/** How a detection reached Platewatch: the device read it, an OpenALPR agent sent it, or the server read the image. */
public enum DetectionSource {
    DEVICE,
    OPENALPR,
    RECOGNIZED
}
