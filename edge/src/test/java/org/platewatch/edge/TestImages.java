package org.platewatch.edge;

import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.platewatch.recognition.PlateBox;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.recognition.Recognizer;

/**
 * Small distinct JPEGs and a plate reader that knows which plate each shows: the agent's tests are about
 * journalling, matching and uploading, not about recognition (which has its own tests). The reader decodes
 * every image with the recognition module's decoder, so a corrupt one fails as it would in the field.
 */
final class TestImages implements PlateReader {

    private final Map<String, String> plates = new ConcurrentHashMap<>();
    private final Random random = new Random(19);
    final AtomicInteger reads = new AtomicInteger();

    byte[] showing(String plate) {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        byte[] jpeg = ReferencePlate.encode(img);
        plates.put(sha(jpeg), plate);
        return jpeg;
    }

    @Override
    public List<PlateCandidate> read(byte[] jpeg) {
        reads.incrementAndGet();
        Recognizer.decode(jpeg);
        String plate = plates.get(sha(jpeg));
        if (plate == null) {
            return List.of();
        }
        return List.of(new PlateCandidate(
                plate, 0.95, "us-ca", new PlateBox(1, 1, 10, 5), java.util.Collections.nCopies(plate.length(), 0.95)));
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
