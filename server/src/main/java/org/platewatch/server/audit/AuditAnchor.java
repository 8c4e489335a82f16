package org.platewatch.server.audit;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A signed chain head: the newest record's id and hash and how many records the log held, at a
 * time, signed with the anchor key. One JSON line of the anchor file.
 *
 * @param lastId     the newest record's id (0 for an empty log)
 * @param records    how many records the log held
 * @param hash       the newest record's hash ({@link AuditLog#GENESIS} for an empty log)
 * @param anchoredAt when the head was read
 * @param keyId      which key signed it ({@link org.platewatch.server.platform.Ed25519KeyFile#keyId})
 * @param signature  Ed25519 over {@link #signedText()}, Base64
 */
public record AuditAnchor(long lastId, long records, String hash, Instant anchoredAt, String keyId, String signature) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FORMAT = "platewatch-audit-anchor/1";

    /** Exactly the text that is signed: a verifier outside Platewatch rebuilds it from the fields. */
    public String signedText() {
        return signedText(lastId, records, hash, anchoredAt);
    }

    static String signedText(long lastId, long records, String hash, Instant anchoredAt) {
        return FORMAT + "\n" + lastId + "\n" + records + "\n" + hash + "\n" + anchoredAt;
    }

    String toJsonLine() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("lastId", lastId);
        o.put("records", records);
        o.put("hash", hash);
        o.put("anchoredAt", anchoredAt.toString());
        o.put("keyId", keyId);
        o.put("signature", signature);
        return JSON.writeValueAsString(o);
    }

    /** Reads one line of the anchor file; a damaged line throws IllegalArgumentException naming the fault. */
    static AuditAnchor fromJsonLine(String line) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("it is not JSON");
        }
        if (o == null || !FORMAT.equals(text(o, "format"))) {
            throw new IllegalArgumentException("it is not a " + FORMAT + " line");
        }
        try {
            return new AuditAnchor(
                    Long.parseLong(text(o, "lastId")),
                    Long.parseLong(text(o, "records")),
                    text(o, "hash"),
                    Instant.parse(text(o, "anchoredAt")),
                    text(o, "keyId"),
                    text(o, "signature"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a field is missing or malformed");
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
