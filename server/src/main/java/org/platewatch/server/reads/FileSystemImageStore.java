package org.platewatch.server.reads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.platewatch.server.platform.PlatewatchProperties;
import org.springframework.stereotype.Component;

/** Images as files under {@code DATA_DIR/images/ab/cd/abcd…}, written to a temporary name and moved into place. */
@Component
class FileSystemImageStore implements ImageStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    FileSystemImageStore(PlatewatchProperties properties) throws IOException {
        this.root = properties.dataDir().resolve("images").toAbsolutePath();
        Files.createDirectories(root);
    }

    @Override
    public String put(byte[] jpeg) throws IOException {
        String sha = ImageStore.sha256(jpeg);
        Path target = pathOf(sha);
        if (Files.exists(target)) {
            return sha;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), sha, ".tmp");
        Files.write(tmp, jpeg);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return sha;
    }

    @Override
    public Optional<InputStream> open(String sha256) throws IOException {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path path = pathOf(sha256);
        return Files.exists(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        return SHA256.matcher(sha256).matches() && Files.deleteIfExists(pathOf(sha256));
    }

    private Path pathOf(String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + ".jpg");
    }
}
