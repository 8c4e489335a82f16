package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * What the search tests share: a mobile unit that uploads reads at the positions it reports, search bodies with a
 * case number, purpose and reason unless the test gives its own, and plate tags that no other test's plates look
 * like.
 */
final class SearchFixtures {

    private final Api api;
    final String unit;

    SearchFixtures(Api api, DeviceRegistry devices) {
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

    /** Three letters from outside every confusable class, so that one test's plates never look like another's. */
    static String tag() {
        String letters = "ACEFHJKMNPRTUVWXY";
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            t.append(letters.charAt((int) (Math.random() * letters.length())));
        }
        return t.toString();
    }

    /** A search body: the criteria given, with a case number, and a purpose and reason unless given. */
    static String body(String... criteria) {
        StringBuilder s = new StringBuilder("{\"caseNumber\":\"24-000123\"");
        boolean purpose = false;
        boolean reason = false;
        for (String c : criteria) {
            purpose |= c.startsWith("\"purpose\"");
            reason |= c.startsWith("\"reason\"");
        }
        if (!purpose) {
            s.append(",\"purpose\":\"STOLEN_VEHICLE\"");
        }
        if (!reason) {
            s.append(",\"reason\":\"stolen vehicle report\"");
        }
        for (String c : criteria) {
            s.append(',').append(c);
        }
        return s.append('}').toString();
    }

    static String read(String plate, Instant at, double lat, double lon) {
        return read(UUID.randomUUID(), plate, at, lat, lon);
    }

    static String read(UUID id, String plate, Instant at, double lat, double lon) {
        return "{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\",\"confidence\":0.9,"
                + "\"capturedAt\":\"" + at + "\",\"latitude\":" + lat + ",\"longitude\":" + lon + "}";
    }

    void upload(List<String> reads) {
        Api.Response r = api.postJson("/api/v1/reads", unit, "{\"reads\":[" + String.join(",", reads) + "]}");
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    Api.Response search(String token, String json) {
        return api.postJson("/api/v1/searches", token, json);
    }

    /** The plates of a search that ran, in the order given. */
    static List<String> plates(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return platesOf(r.json());
    }

    static List<String> platesOf(JsonNode search) {
        return StreamSupport.stream(search.get("results").spliterator(), false)
                .map(n -> n.get("plate").asString())
                .toList();
    }

    static void assertRefused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.contentType()).isTrue();
        if (field != null) {
            assertThat(r.json().get("field").asString()).isEqualTo(field);
        }
    }
}
