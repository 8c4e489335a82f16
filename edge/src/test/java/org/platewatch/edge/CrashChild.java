package org.platewatch.edge;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.spec.SecretKeySpec;

/** Run by {@link KillMidUploadTest} in a child JVM: uploads a journal until it is killed. */
public final class CrashChild {

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Sealer sealer = new Sealer(new SecretKeySpec(new byte[32], "AES"));
        Journal journal = new Journal(Path.of(args[1]), sealer, Clock.systemUTC());
        Uploader uploader = new Uploader(
                journal, new ServerClient(URI.create(args[0]), StubServer.TOKEN, Duration.ofSeconds(30)), 10);
        System.out.println("uploading");
        System.out.flush();
        while (true) {
            uploader.round();
        }
    }
}
