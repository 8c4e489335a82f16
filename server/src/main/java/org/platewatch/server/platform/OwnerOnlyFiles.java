package org.platewatch.server.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold a secret (database passwords, the audit anchor key): readable and writable by
 * their owner only. The file is created with those permissions before a byte of the secret is
 * written, and published under its name in one step, so that no other process ever reads a
 * half-written secret or one that was briefly world-readable.
 */
public final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /**
     * Writes {@code content} to {@code file} unless the file exists already. Returns false when
     * another process created it first (the caller then reads that one).
     */
    public static boolean createIfAbsent(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(
                dir, "." + file.getFileName(), ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            // A hard link fails when the name is taken: of two processes starting at once, one key wins.
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A fresh owner-only file holding one line, for a tool that reads a password from a file (initdb --pwfile). */
    public static Path createPasswordFile(Path dir, String password) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, ".pwfile", "", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Reads a secret file; one that others may read is narrowed to its owner first, with a warning. */
    public static String read(Path file) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(actual)) {
            log.warn(
                    "{} was readable by others ({}); narrowing it to its owner (rw-------)",
                    file,
                    PosixFilePermissions.toString(actual));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
