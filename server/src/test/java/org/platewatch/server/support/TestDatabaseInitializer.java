package org.platewatch.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Gives each test application context its own cloned database, data directory and clock. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestDatabase.get();
        String url = db.newDatabase();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("platewatch-test-data");
            deleteAtExit(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestPropertyValues.of(
                        "platewatch.db.url=" + url,
                        "platewatch.db.user=" + db.superUser(),
                        "platewatch.db.password=" + (db.superPassword() == null ? "" : db.superPassword()),
                        "platewatch.db.app-user=" + TestDatabase.APP_ROLE,
                        "platewatch.db.app-password=platewatch",
                        "platewatch.db.pool-size=5",
                        "platewatch.data-dir=" + dataDir,
                        "platewatch.test.database-url=" + url)
                .applyTo(context);
        context.getBeanFactory().registerSingleton("clock", MutableClock.forServer());
    }

    /** The test JVM removes each context's data directory (images, logs) when it ends. */
    private static void deleteAtExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: it is a temporary directory
            }
        }));
    }
}
