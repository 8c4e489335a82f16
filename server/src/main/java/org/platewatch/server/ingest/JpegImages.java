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

    private JpegImages() {
    }

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
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "image",
                "image: larger than the " + max.toKilobytes() + " KiB this server accepts");
    }

    /** A JPEG starts with SOI and a marker, and its header must parse; anything else is refused. */
    static void requireJpeg(byte[] bytes) {
        boolean soi = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
                && (bytes[2] & 0xFF) == 0xFF;
        if (!soi || !headerParses(bytes)) {
            throw ProblemException.invalid("image", "is not a JPEG image");
        }
    }

    private static boolean headerParses(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                return true;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return reader.getWidth(0) > 0 && reader.getHeight(0) > 0;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return false;
        }
    }
}
