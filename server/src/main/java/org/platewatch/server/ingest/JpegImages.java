package org.platewatch.server.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.util.unit.DataSize;

/** The checks every JPEG a device uploads passes, whichever way it arrives (a photo, a read's image). */
final class JpegImages {

    private JpegImages() {}

    /** Reads at most {@code max} bytes; a longer body is refused before it is all in memory. */
    static byte[] readLimited(InputStream in, DataSize max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max.toBytes()) {
                throw tooLarge(max);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static ProblemException tooLarge(DataSize max) {
        return new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE,
                "image",
                "image: larger than the " + max.toKilobytes() + " KiB this server accepts");
    }

    /**
     * A JPEG starts with SOI and a marker, and its header must parse; anything else is refused. The
     * header's width and height (read without decoding a pixel) may make at most {@code maxPixels}:
     * a file of a few hundred bytes can declare 30,000 × 30,000 pixels, gigabytes once decoded.
     */
    static void requireJpeg(byte[] bytes, long maxPixels) {
        boolean soi =
                bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF;
        long[] size = soi ? headerSize(bytes) : null;
        if (size == null) {
            throw ProblemException.invalid("image", "is not a JPEG image");
        }
        if (size[0] * size[1] > maxPixels) {
            throw new ProblemException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "image",
                    "image: " + size[0] + " × " + size[1] + " pixels is more than the " + megapixels(maxPixels)
                            + " megapixels this server decodes");
        }
    }

    private static String megapixels(long pixels) {
        double mp = pixels / 1_000_000.0;
        return mp == Math.rint(mp) ? Long.toString((long) mp) : Double.toString(mp);
    }

    /** Width and height from the JPEG's frame header, or null when it does not parse. */
    private static long[] headerSize(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                return width > 0 && height > 0 ? new long[] {width, height} : null;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
