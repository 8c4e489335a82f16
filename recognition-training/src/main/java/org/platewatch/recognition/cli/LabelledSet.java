package org.platewatch.recognition.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of labelled plate images in one of the two layouts of {@code shared/datasets/plates}:
 * {@code NAME.jpg} beside {@code NAME.txt} ({@code file TAB x TAB y TAB w TAB h TAB PLATE}), or
 * crops listed in {@code groundtruth.csv} ({@code file,state,PLATE}).
 */
record LabelledSet(Path dir, boolean crops, List<Item> items) {

    /** One labelled image; {@code state} is the lower-case two-letter code, or null when not labelled. */
    record Item(Path image, String plate, String state) {}

    /** The number of parts a set is cut into for holding one out of the plate head's training. */
    static final int FOLDS = 5;

    /** The fold number that means "hold no part out": the head learns from every photo. */
    static final int NO_FOLD = -1;

    /** The fifth the shipped plate head is never trained on: {@code bench-recognition --held-out}. */
    static final int SHIPPED_HEAD_HOLD_OUT = 0;

    /**
     * The fifth (0 to 4) an item belongs to, chosen by a checksum of the file name so that it is
     * the same on every machine and does not move when files are added.
     */
    static int fold(Item item) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(item.image().getFileName().toString().getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % FOLDS);
    }

    /** Only the items of fifth {@code fold}; empty for {@link #NO_FOLD}. */
    LabelledSet foldPart(int fold) {
        return new LabelledSet(
                dir, crops, items.stream().filter(i -> fold(i) == fold).toList());
    }

    /** Every item outside fifth {@code fold}; all of them for {@link #NO_FOLD}. */
    LabelledSet withoutFold(int fold) {
        return new LabelledSet(
                dir, crops, items.stream().filter(i -> fold(i) != fold).toList());
    }

    static LabelledSet load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RecognitionCli.UsageException(dir + " is not a directory");
        }
        try {
            Path csv = dir.resolve("groundtruth.csv");
            if (Files.isRegularFile(csv)) {
                List<Item> items = new ArrayList<>();
                for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                    String[] f = line.trim().split(",");
                    if (f.length >= 3 && !f[0].equalsIgnoreCase("file")) {
                        items.add(new Item(
                                dir.resolve(f[0]), f[2], f[1].isBlank() ? null : f[1].toLowerCase(Locale.ROOT)));
                    }
                }
                return new LabelledSet(dir, true, items);
            }
            List<Item> items = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path txt : files.filter(p -> p.toString().endsWith(".txt"))
                        .sorted()
                        .toList()) {
                    for (String line : Files.readAllLines(txt, StandardCharsets.UTF_8)) {
                        String[] f = line.trim().split("\t");
                        if (f.length >= 6) {
                            items.add(new Item(dir.resolve(f[0]), f[5], null));
                        }
                    }
                }
            }
            if (items.isEmpty()) {
                throw new RecognitionCli.UsageException(dir + " holds no labels (NAME.txt files or groundtruth.csv)");
            }
            return new LabelledSet(dir, false, items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
