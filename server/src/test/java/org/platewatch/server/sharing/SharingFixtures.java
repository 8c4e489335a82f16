package org.platewatch.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;

/** What the sharing tests share: a mobile unit that uploads reads (and an image), agencies, request bodies. */
final class SharingFixtures {

    private final Api api;
    final String unit;

    SharingFixtures(Api api, DeviceRegistry devices) {
        this.api = api;
        this.unit = devices.register(
                        new DeviceRegistration(
                                "unit-" + UUID.randomUUID().toString().substring(0, 6),
                                DeviceKind.MOBILE,
                                null,
                                null,
                                null),
                        Actor.SYSTEM)
                .token();
    }

    /** Uploads one read per plate, a minute apart, ending {@code at}; answers their read ids in order. */
    List<UUID> upload(Instant at, String... plates) {
        StringBuilder reads = new StringBuilder();
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < plates.length; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            if (i > 0) {
                reads.append(',');
            }
            reads.append("{\"readId\":\"")
                    .append(id)
                    .append("\",\"plate\":\"")
                    .append(plates[i])
                    .append("\",\"state\":\"CA\",\"confidence\":0.9,\"capturedAt\":\"")
                    .append(at.minusSeconds(60L * (plates.length - i)))
                    .append("\",\"latitude\":37.8,\"longitude\":-122.27}");
        }
        Api.Response r = api.postJson("/api/v1/reads", unit, "{\"reads\":[" + reads + "]}");
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return ids;
    }

    byte[] attachImage(UUID readId) {
        byte[] jpeg = jpeg();
        assertThat(api.putBytes("/api/v1/reads/" + readId + "/image", unit, "image/jpeg", jpeg)
                        .status())
                .isEqualTo(200);
        return jpeg;
    }

    static long agency(Api api, String admin, String name, String kind, String state, boolean federal) {
        Api.Response r = api.postJson(
                "/api/v1/sharing/agencies",
                admin,
                "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"state\":\"" + state + "\",\"federal\":"
                        + federal + ",\"contact\":\"records@example.org\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** A request body for the agency: a law-enforcement purpose, case 26-1001, the given extra fields. */
    static String request(long agencyId, String... fields) {
        StringBuilder s = new StringBuilder("{\"agencyId\":" + agencyId
                + ",\"requesterName\":\"Det. Ana Ruiz\",\"requesterContact\":\"aruiz@example.org\","
                + "\"caseNumber\":\"26-1001\"");
        boolean purpose = false;
        boolean written = false;
        for (String f : fields) {
            purpose |= f.startsWith("\"purpose\"");
            written |= f.startsWith("\"writtenRequest\"");
        }
        if (!purpose) {
            s.append(",\"purpose\":\"LAW_ENFORCEMENT\"");
        }
        if (!written) {
            s.append(",\"writtenRequest\":\"Reads of the suspect vehicle in the armed robbery of 3 March.\"");
        }
        for (String f : fields) {
            s.append(',').append(f);
        }
        return s.append('}').toString();
    }

    static String readIds(List<UUID> ids) {
        return "\"readIds\":["
                + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()) + "]";
    }

    static byte[] jpeg() {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, (int) (Math.random() * 0xFFFFFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
