package org.platewatch.edge;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A directory the camera writes JPEGs into, scanned every poll.
 *
 * <p>A file still being written is never read half: a file is taken only once its size and modification
 * time have stayed the same for {@code settle} (1 s by default) across scans. That serves cameras that
 * write in place; a camera that writes under a temporary name and renames (names starting with {@code .}
 * or ending in {@code .tmp}, {@code .part} or {@code .partial} are ignored) is taken {@code settle} after
 * the rename. A taken image is deleted with its sidecar once its read is journalled (the journal keeps it,
 * encrypted), so each file is read once; one that cannot be read moves to {@code rejected/} under the data
 * directory, with nothing else done to it.
 */
final class DirectorySource implements CaptureSource {

    private final Path directory;
    private final Path rejectedDir;
    private final Duration settle;
    private final Clock clock;
    private final Map<Path, Seen> seen = new HashMap<>();

    DirectorySource(Path directory, Path rejectedDir, Duration settle, Clock clock) {
        this.directory = directory;
        this.rejectedDir = rejectedDir;
        this.settle = settle;
        this.clock = clock;
    }

    private record Seen(long size, long modified, Instant since) {}

    @Override
    public List<Capture> poll() throws IOException {
        Instant now = clock.instant();
        List<Path> present = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, DirectorySource::isImageName)) {
            for (Path f : files) {
                present.add(f);
            }
        }
        seen.keySet().retainAll(present);
        present.sort(null); // camera file names usually sort by time
        List<Capture> ready = new ArrayList<>();
        for (Path f : present) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(f, BasicFileAttributes.class);
            } catch (IOException gone) {
                continue; // renamed or deleted between the listing and now
            }
            if (!a.isRegularFile()) {
                continue;
            }
            long modified = a.lastModifiedTime().toMillis();
            Seen before = seen.get(f);
            if (before == null || before.size() != a.size() || before.modified() != modified) {
                seen.put(f, new Seen(a.size(), modified, now));
                continue;
            }
            if (a.size() == 0 || Duration.between(before.since(), now).compareTo(settle) < 0) {
                continue;
            }
            byte[] jpeg = Files.readAllBytes(f);
            if (jpeg.length != a.size()) {
                seen.remove(f); // it changed while we read it: still being written
                continue;
            }
            Path sidecar = sidecarOf(f);
            ready.add(new Capture(f.getFileName().toString(), jpeg, f, Files.exists(sidecar) ? sidecar : null));
        }
        return ready;
    }

    @Override
    public void taken(Capture capture) throws IOException {
        seen.remove(capture.file());
        Files.deleteIfExists(capture.file());
        if (capture.sidecar() != null) {
            Files.deleteIfExists(capture.sidecar());
        }
    }

    @Override
    public void rejected(Capture capture) throws IOException {
        seen.remove(capture.file());
        Files.createDirectories(rejectedDir);
        Files.move(capture.file(), rejectedDir.resolve(capture.name()), StandardCopyOption.REPLACE_EXISTING);
        if (capture.sidecar() != null) {
            Files.move(
                    capture.sidecar(),
                    rejectedDir.resolve(capture.sidecar().getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String describe() {
        return "directory " + directory;
    }

    Path directory() {
        return directory;
    }

    static Path sidecarOf(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return image.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".json");
    }

    static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith(".") || n.endsWith(".tmp") || n.endsWith(".part") || n.endsWith(".partial")) {
            return false;
        }
        return n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}
