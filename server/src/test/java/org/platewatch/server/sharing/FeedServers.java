package org.platewatch.server.sharing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.platewatch.server.PlatewatchApplication;
import org.platewatch.server.support.TestDatabase;
import org.platewatch.server.support.TestPasswordHashing;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Platewatch servers started by a test itself, several in one JVM, each on its own cloned database and data
 * directory: a department and the regional centre it feeds. A server started again on the same database and data
 * directory is that server restarted (its feed credential key is in the data directory).
 */
final class FeedServers {

    /** Where one server keeps its state, so that it can be started again. */
    record Home(String databaseUrl, Path dataDir) {

        static Home fresh() {
            try {
                return new Home(TestDatabase.get().newDatabase(), Files.createTempDirectory("platewatch-feed-test"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private FeedServers() {}

    static ConfigurableApplicationContext start(Home home, Clock clock, String... settings) {
        TestDatabase db = TestDatabase.get();
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "platewatch.db.url=" + home.databaseUrl(),
                "platewatch.db.user=" + db.superUser(),
                "platewatch.db.password=" + (db.superPassword() == null ? "" : db.superPassword()),
                "platewatch.db.app-user=" + TestDatabase.APP_ROLE,
                "platewatch.db.app-password=platewatch",
                "platewatch.db.pool-size=5",
                "platewatch.data-dir=" + home.dataDir()));
        properties.addAll(List.of(settings));
        return new SpringApplicationBuilder(PlatewatchApplication.class)
                .initializers(context -> {
                    TestPropertyValues.of(properties).applyTo(context);
                    context.getBeanFactory().registerSingleton("clock", clock);
                    new TestPasswordHashing().initialize(context);
                })
                .run();
    }

    static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
