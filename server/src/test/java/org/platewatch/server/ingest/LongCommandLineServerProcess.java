package org.platewatch.server.ingest;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.platewatch.server.PlatewatchApplication;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Run in a child JVM by {@link ServerLongCommandLineTest}: starts the server as {@code serve}
 * does, sends it one photo (the recognition models load on the first one), prints
 * {@code READ <status> <plate>} and stops. Arguments: the photo, then the server's own
 * ({@code --name=value}: the test's database, a data directory).
 */
public final class LongCommandLineServerProcess {

    private LongCommandLineServerProcess() {}

    public static void main(String[] args) throws Exception {
        byte[] photo = Files.readAllBytes(Path.of(args[0]));
        try (ConfigurableApplicationContext server =
                SpringApplication.run(PlatewatchApplication.class, Arrays.copyOfRange(args, 1, args.length))) {
            int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
            String token = server.getBean(DeviceRegistry.class)
                    .register(
                            new DeviceRegistration("long-cmdline-cam", DeviceKind.FIXED, 37.8, -122.27, 0.0),
                            Actor.SYSTEM)
                    .token();
            Api.Response response = upload(new Api(port), port, token, photo);
            String plate = response.status() == 200
                    ? response.json().get("candidates").get(0).get("plate").asString()
                    : response.body();
            System.out.println("READ " + response.status() + " " + plate);
            System.out.flush();
        }
        System.exit(0);
    }

    private static Api.Response upload(Api api, int port, String token, byte[] image) {
        String boundary = "----platewatch" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"read\"\r\n"
                        + "Content-Type: application/json\r\n\r\n{\"readId\":\"" + UUID.randomUUID()
                        + "\",\"capturedAt\":\""
                        + Instant.now().minusSeconds(2) + "\"}\r\n");
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"photo.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n");
        body.writeBytes(image);
        write(body, "\r\n--" + boundary + "--\r\n");
        return api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reads/photo"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                token);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
