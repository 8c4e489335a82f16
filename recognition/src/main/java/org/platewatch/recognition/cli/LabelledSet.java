package org.platewatch.recognition.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of labelled plate images in one of the two layouts of {@code shared/datasets/plates}:
 * {@code NAME.jpg} beside {@code NAME.txt} ({@code file TAB x TAB y TAB w TAB h TAB PLATE}), or
 * crops listed in {@code groundtruth.csv} ({@code file,state,PLATE}).
 */
record LabelledSet(Path dir, boolean crops, List<Item> items) {

    /** One labelled image; {@code state} is the lower-case two-letter code, or null when not labelled. */
    record Item(Path image, String plate, String state) {
    }

    /**
     * The fifth of a set that the plate head is never trained on, chosen by a checksum of the
     * file name so that it is the same on every machine and does not move when files are added.
     */
    static boolean heldOut(Item item) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(item.image().getFileName().toString().getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 5 == 0;
    }

    LabelledSet heldOutPart() {
        return new LabelledSet(dir, crops, items.stream().filter(LabelledSet::heldOut).toList());
    }

    LabelledSet trainingPart() {
        return new LabelledSet(dir, crops, items.stream().filter(i -> !heldOut(i)).toList());
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
                        items.add(new Item(dir.resolve(f[0]), f[2], f[1].isBlank() ? null : f[1].toLowerCase()));
                    }
                }
                return new LabelledSet(dir, true, items);
            }
            List<Item> items = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path txt : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
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
