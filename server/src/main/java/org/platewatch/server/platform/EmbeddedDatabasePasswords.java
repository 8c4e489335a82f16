package org.platewatch.server.platform;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The embedded server's passwords: the schema owner's ({@code postgres}) and the application
 * role's, random on first start and kept in {@code DATA_DIR/postgres-passwords.properties} (0600).
 * A second Platewatch process (a CLI subcommand while the server runs) reads the same file to
 * attach. Whoever can read the file can connect as the superuser: it is as secret as the data.
 *
 * @param owner the password of the superuser {@code postgres}, who owns the schema
 * @param app   the password of the application role
 */
public record EmbeddedDatabasePasswords(String owner, String app) {

    public static final String FILE_NAME = "postgres-passwords.properties";
    /** Base64url only, so that a password can sit in single quotes in ALTER ROLE without escaping. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{32,}");

    public EmbeddedDatabasePasswords {
        if (owner == null
                || !SAFE.matcher(owner).matches()
                || app == null
                || !SAFE.matcher(app).matches()) {
            throw new IllegalStateException("the embedded database passwords file is damaged: "
                    + "each password must be 32 or more characters of A-Z, a-z, 0-9, '_' and '-'");
        }
    }

    public static Path file(Path dataDir) {
        return dataDir.toAbsolutePath().resolve(FILE_NAME);
    }

    /** Reads the file, creating it with fresh random passwords the first time. */
    static Loaded loadOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            boolean created = false;
            if (!Files.exists(file)) {
                created = OwnerOnlyFiles.createIfAbsent(
                        file,
                        "# Embedded PostgreSQL passwords (Platewatch). "
                                + "Owner-only: whoever reads this can connect as the superuser.\n"
                                + "owner=" + random() + "\napp=" + random() + "\n");
            }
            return new Loaded(read(file), created);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** Reads the file a running server's owner wrote. */
    public static EmbeddedDatabasePasswords read(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(OwnerOnlyFiles.read(file)));
        return new EmbeddedDatabasePasswords(p.getProperty("owner"), p.getProperty("app"));
    }

    private static String random() {
        return SecretTokens.generate("");
    }

    /** The passwords, and whether this process just made them up. */
    record Loaded(EmbeddedDatabasePasswords passwords, boolean created) {}
}
