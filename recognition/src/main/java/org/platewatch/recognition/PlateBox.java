package org.platewatch.recognition;

/** A rectangle in image pixels: top-left corner, width and height. */
public record PlateBox(int x, int y, int width, int height) {

    public PlateBox {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative box size");
        }
    }
}
