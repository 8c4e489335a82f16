package org.platewatch.server.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code DATA_DIR/demo/credentials.json}: the demo users' names, passwords and API tokens and the
 * devices' tokens, so a person can sign in and a script can post reads. Readable by the owner only.
 * Only a demo writes secrets to disk; a real department's secrets are shown once and never stored.
 */
record DemoCredentials(List<User> users, List<DeviceToken> devices) {

    record User(String username, String password, String role, String token, String fullName) {}

    record DeviceToken(String name, String token) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path file(Path dataDir) {
        return dataDir.resolve("demo").resolve("credentials.json").toAbsolutePath();
    }

    void write(Path dataDir) throws IOException {
        Path file = file(dataDir);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the file stays with the directory's permissions
        }
    }

    static DemoCredentials read(Path dataDir) throws IOException {
        return JSON.readValue(file(dataDir).toFile(), DemoCredentials.class);
    }
}
