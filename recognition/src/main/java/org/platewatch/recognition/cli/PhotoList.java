package org.platewatch.recognition.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The photos {@code recognize} was given: files as named, and each directory's images in name
 * order (not its subdirectories). A directory's other files (labels, notes) are skipped with one
 * line on stderr for the directory; they are not errors. A directory can hold more photos than a
 * command line can name, which is why directories are taken at all.
 */
final class PhotoList {

    /** The file endings {@code Recognizer.decode} reads (ImageIO's formats). */
    private static final Set<String> IMAGE_ENDINGS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private PhotoList() {}

    /** One entry per photo to read, in the order given; a directory that cannot be listed is one failed entry. */
    static List<Entry> expand(List<String> arguments, PrintStream err) {
        List<Entry> entries = new ArrayList<>();
        for (String argument : arguments) {
            Path path = Path.of(argument);
            if (!Files.isDirectory(path)) {
                entries.add(new Entry(path, null));
                continue;
            }
            List<Path> files;
            try (Stream<Path> listing = Files.list(path)) {
                files = listing.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                entries.add(new Entry(path, "cannot list the directory: " + e.getMessage()));
                continue;
            }
            List<Path> images = files.stream().filter(PhotoList::looksLikeImage).toList();
            int skipped = files.size() - images.size();
            if (skipped > 0) {
                err.println(
                        "platewatch recognize: " + path + ": skipped " + skipped + " file" + (skipped == 1 ? "" : "s")
                                + " that " + (skipped == 1 ? "is" : "are") + " not .jpg, .jpeg, .png, .bmp or .gif");
            }
            if (images.isEmpty()) {
                entries.add(new Entry(path, "no photo in this directory"));
            }
            images.forEach(image -> entries.add(new Entry(image, null)));
        }
        return entries;
    }

    static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_ENDINGS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** A photo to read, or (problem not null) an input that already failed and only needs reporting. */
    record Entry(Path path, String problem) {}
}
