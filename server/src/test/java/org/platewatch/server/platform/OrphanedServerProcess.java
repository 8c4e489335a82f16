package org.platewatch.server.platform;

import java.nio.file.Path;

/** Run in a child JVM by the lifecycle test: starts the embedded server, reports, then waits to be killed. */
public final class OrphanedServerProcess {

    private OrphanedServerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(Path.of(args[0]));
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
