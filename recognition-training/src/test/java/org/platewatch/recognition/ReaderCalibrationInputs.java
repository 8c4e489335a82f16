package org.platewatch.recognition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Development aid, not a test: writes the reader's (PP-OCRv4 rec) input tensors for calibrating
 * its INT8 copy ({@code tools/quantize-reader.sh}). The inputs are the ones the shipped pipeline
 * feeds the reader (glances, close-up crops, state bands), caught through
 * {@link TextLineReader#inputTap} while it reads the plate head's training four fifths of
 * {@code us-crops/} (never {@code us/}, {@code eu/} or the held-out fifth) and the scene-sized
 * mosaics of {@link DetectorCalibrationInputs} (so signs and stickers are among them too).
 *
 * <p>Arguments: US_CROPS_DIR OUT_DIR [PHOTO_STEP [MOSAICS [KEEP [SEED]]]]: every PHOTO_STEP-th
 * training photo, MOSAICS mosaics, then KEEP inputs drawn at random from all caught. Each is written
 * as {@code NNNN_48xW.f32} (little-endian float32, 1 x 3 x 48 x W). Deterministic for a seed.
 */
public final class ReaderCalibrationInputs {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int step = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int mosaics = args.length > 3 ? Integer.parseInt(args[3]) : 24;
        int keep = args.length > 4 ? Integer.parseInt(args[4]) : 400;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 20L;
        List<Path> training = DetectorCalibrationInputs.trainingPhotos(dir);
        List<TextLineReader.Input> caught = Collections.synchronizedList(new ArrayList<>());
        Random random = new Random(seed);
        try (Recognizer recognizer = new Recognizer(Settings.defaults())) {
            TextLineReader.inputTap = caught::add;
            for (int i = 0; i < training.size(); i += step) {
                recognizer.recognize(Recognizer.decode(training.get(i)));
            }
            for (int m = 0; m < mosaics; m++) {
                recognizer.recognize(DetectorCalibrationInputs.mosaic(training, random));
            }
        } finally {
            TextLineReader.inputTap = null;
        }
        List<TextLineReader.Input> inputs = new ArrayList<>(caught);
        // The two workers catch a photo's inputs in either order: sorted first, the draw is the same every run.
        inputs.sort(java.util.Comparator.<TextLineReader.Input>comparingInt(TextLineReader.Input::width)
                .thenComparingInt(in -> java.util.Arrays.hashCode(in.pixels())));
        Collections.shuffle(inputs, random);
        inputs = inputs.subList(0, Math.min(keep, inputs.size()));
        for (int n = 0; n < inputs.size(); n++) {
            TextLineReader.Input in = inputs.get(n);
            ByteBuffer bytes = ByteBuffer.allocate(in.pixels().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(in.pixels());
            Files.write(
                    out.resolve(String.format("%04d_%dx%d.f32", n, TextLineReader.HEIGHT, in.width())), bytes.array());
        }
        System.out.println(inputs.size() + " of " + caught.size() + " reader inputs from "
                + (training.size() + step - 1) / step + " training photos and " + mosaics + " mosaics in " + out);
    }
}
