package org.platewatch.recognition;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Development aid, not a test: writes the whole-scene detector's input tensors for calibrating
 * its INT8 copy ({@code tools/quantize-detector.sh}), built by the pipeline's own code
 * ({@link RgbImage#toTensor} with {@link TextDetector}'s normalisation, sizes as
 * {@code Recognizer.detectScene} chooses them), so the quantiser sees what the product feeds.
 *
 * <p>Only the photos the plate head trains on are used: the {@code us-crops/} four fifths whose
 * file name's CRC-32 is not 0 mod 5 (never {@code us/}, {@code eu/} or the held-out fifth, which
 * measure the result). Those are tight plate crops, so besides every {@code step}-th crop at its
 * own size (the first look never enlarges) the tool writes scene-sized mosaics: crops drawn at
 * random sizes (80-400 px wide, as plates and signs appear in a 1120 px scene) over a canvas
 * filled with other crops enlarged and blurred, so the ranges also cover large smooth areas.
 *
 * <p>Arguments: US_CROPS_DIR OUT_DIR [MOSAICS [STEP [SEED]]]; each tensor is written as
 * {@code NNNN_HxW.f32} (little-endian float32, 1 x 3 x H x W). Deterministic for a seed.
 */
public final class DetectorCalibrationInputs {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int mosaics = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        int step = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 20L;
        List<Path> training = trainingPhotos(dir);
        Random random = new Random(seed);
        int n = 0;
        for (int i = 0; i < training.size(); i += step) {
            RgbImage img = RgbImage.of(Recognizer.decode(training.get(i)));
            double scale = Math.min(1.0, 1120 / (double) Math.max(img.width, img.height));
            write(out, n++, img, Recognizer.roundTo32(img.width * scale), Recognizer.roundTo32(img.height * scale));
        }
        for (int m = 0; m < mosaics; m++) {
            BufferedImage canvas = mosaic(training, random);
            write(out, n++, RgbImage.of(canvas), 1120, 640);
        }
        System.out.println(n + " tensors from " + training.size() + " training photos in " + out);
    }

    /** The four fifths of {@code groundtruth.csv}'s photos the plate head trains on, in file order. */
    static List<Path> trainingPhotos(Path dir) throws IOException {
        List<Path> photos = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("groundtruth.csv"), StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(",");
            if (f.length < 3 || f[0].equalsIgnoreCase("file")) {
                continue;
            }
            CRC32 crc = new CRC32();
            crc.update(Path.of(f[0]).getFileName().toString().getBytes(StandardCharsets.UTF_8));
            if (crc.getValue() % 5 != 0) {
                photos.add(dir.resolve(f[0]));
            }
        }
        return photos;
    }

    static BufferedImage mosaic(List<Path> photos, Random random) {
        BufferedImage canvas = new BufferedImage(1120, 640, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        // Background: one crop stretched over the whole canvas (large smooth areas, like a car body).
        g.drawImage(Recognizer.decode(pick(photos, random)), 0, 0, 1120, 640, null);
        int plates = 3 + random.nextInt(6);
        for (int p = 0; p < plates; p++) {
            BufferedImage crop = Recognizer.decode(pick(photos, random));
            int w = 80 + random.nextInt(321);
            int h = Math.max(8, (int) Math.round(w * crop.getHeight() / (double) crop.getWidth()));
            int x = random.nextInt(Math.max(1, 1120 - w));
            int y = random.nextInt(Math.max(1, 640 - h));
            g.drawImage(crop, x, y, w, h, null);
        }
        g.dispose();
        return canvas;
    }

    private static Path pick(List<Path> photos, Random random) {
        return photos.get(random.nextInt(photos.size()));
    }

    private static void write(Path out, int n, RgbImage img, int dw, int dh) throws IOException {
        float[] t = img.toTensor(0, 0, img.width, img.height, dw, dh, TextDetector.MEAN, TextDetector.STD);
        ByteBuffer bytes = ByteBuffer.allocate(t.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(t);
        Files.write(out.resolve(String.format("%04d_%dx%d.f32", n, dh, dw)), bytes.array());
    }
}
