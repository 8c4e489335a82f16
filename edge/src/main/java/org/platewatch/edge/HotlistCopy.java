package org.platewatch.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.plate.hotlist.HotlistEntry;
import org.platewatch.plate.hotlist.HotlistIndex;
import org.platewatch.plate.hotlist.HotlistMatch;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unit's copy of the hot lists its device may use, matched with plate-core's {@link HotlistIndex}, the
 * server's matcher, so that a unit in a dead zone alerts as the server would.
 *
 * <p>The copy comes from the server's signed export ({@code GET /api/v1/hotlists/export}): its payload is
 * verified with the server's Ed25519 key before it is used or saved, so a network in the middle cannot
 * plant or remove a plate. The key is given ({@code --hotlist-key}) or pinned on first contact
 * ({@code DATA_DIR/hotlist-export.pub}); a different key later is refused. The verified export is saved,
 * sealed with the journal's key ({@code DATA_DIR/hotlists.sealed}), so a unit restarted without signal
 * matches against its last copy and a stolen one does not show the lists in clear.
 * Refreshes send the version as {@code If-None-Match}: an unchanged list costs a 304.
 */
final class HotlistCopy {

    private static final Logger log = Logger.getLogger(HotlistCopy.class.getName());
    private static final String SAVED = "hotlists";

    private final Path saved;
    private final Path pinnedKey;
    private final String givenKey;
    private final Clock clock;
    private final Sealer sealer;
    private final AtomicReference<Lists> current = new AtomicReference<>(Lists.NONE);

    HotlistCopy(Path dataDir, String givenKeyOrNull, Sealer sealer, Clock clock) {
        this.sealer = sealer;
        this.saved = dataDir.resolve("hotlists.sealed");
        this.pinnedKey = dataDir.resolve("hotlist-export.pub");
        this.givenKey = givenKeyOrNull;
        this.clock = clock;
    }

    /**
     * The lists in force on the unit.
     *
     * @param version     the export's version (SHA-256 of its payload); null before any copy
     * @param verifiedAt  when the server last confirmed this version is current
     * @param listsAsOf   each list's data date, as the server knew it
     * @param maxAge      the department's longest age for a list's data
     */
    record Lists(
            HotlistIndex index,
            Map<Long, Instant> expiries,
            String version,
            Instant verifiedAt,
            Map<String, Instant> listsAsOf,
            Duration maxAge) {

        static final Lists NONE = new Lists(HotlistIndex.empty(), Map.of(), null, null, Map.of(), null);
    }

    Lists current() {
        return current.get();
    }

    /** Every entry in force the read matches, strongest first; entries past their expiry are left out. */
    List<HotlistMatch> match(String plate, UsState state) {
        Lists lists = current.get();
        List<HotlistMatch> found = lists.index().match(plate, state);
        if (found.isEmpty() || lists.expiries().isEmpty()) {
            return found;
        }
        Instant now = clock.instant();
        return found.stream()
                .filter(m -> {
                    Instant e = lists.expiries().get(m.entry().id());
                    return e == null || e.isAfter(now);
                })
                .toList();
    }

    /** Loads the saved copy, if there is one and it still verifies. */
    void loadSaved() {
        if (!Files.exists(saved)) {
            return;
        }
        try {
            JsonNode s = readSaved();
            PublicKey key = knownKey();
            if (key == null) {
                log.warning("Saved hot-list copy ignored: no server key is pinned");
                return;
            }
            current.set(verified(
                    s.get("export"), key, Instant.parse(s.get("verifiedAt").asString())));
            log.info("Hot-list copy " + current.get().version().substring(0, 12) + " loaded from disk, "
                    + current.get().index().size() + " entries");
        } catch (IOException | RuntimeException e) {
            log.warning("Saved hot-list copy ignored: " + e.getMessage());
        }
    }

    /** The outcome of one refresh, for the log and {@code edge check}. */
    enum Refresh {
        UPDATED,
        UNCHANGED,
        UNREACHABLE,
        REFUSED
    }

    Refresh refresh(ServerClient server) {
        Lists before = current.get();
        ServerClient.Answer a = server.hotlistExport(before.version() == null ? null : "\"" + before.version() + "\"");
        if (a.status() == 304 && before.version() != null) {
            Lists now = new Lists(
                    before.index(),
                    before.expiries(),
                    before.version(),
                    clock.instant(),
                    before.listsAsOf(),
                    before.maxAge());
            current.set(now);
            save(now, null);
            return Refresh.UNCHANGED;
        }
        if (a.status() != 200 || a.json() == null) {
            if (a.status() != 0) {
                log.warning("Hot-list export: the server answered HTTP " + a.status());
            }
            return a.status() == 0 ? Refresh.UNREACHABLE : Refresh.REFUSED;
        }
        try {
            PublicKey key = knownKey();
            if (key == null) {
                key = pinFromServer(server);
            }
            JsonNode export = a.json();
            Lists fresh = verified(export, key, clock.instant());
            current.set(fresh);
            save(fresh, export);
            log.info("Hot-list copy " + fresh.version().substring(0, 12) + " verified and in force, "
                    + fresh.index().size() + " entries");
            return Refresh.UPDATED;
        } catch (HotlistVerificationException | IOException e) {
            log.warning("Hot-list export refused, the previous copy stays in force: " + e.getMessage());
            return Refresh.REFUSED;
        }
    }

    private Lists verified(JsonNode export, PublicKey key, Instant verifiedAt) {
        if (export == null || !export.hasNonNull("payload") || !export.hasNonNull("signature")) {
            throw new HotlistVerificationException("the export has no payload or no signature");
        }
        byte[] payload = export.get("payload").asString().getBytes(StandardCharsets.UTF_8);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(payload);
            if (!s.verify(Base64.getDecoder().decode(export.get("signature").asString()))) {
                throw new HotlistVerificationException("the export's signature does not verify with the server's key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new HotlistVerificationException("the export's signature cannot be checked: " + e.getMessage());
        }
        String version = HexFormat.of().formatHex(sha256(payload));
        JsonNode p = ServerClient.JSON.readTree(payload);
        List<HotlistEntry> entries = new ArrayList<>();
        Map<Long, Instant> expiries = new HashMap<>();
        for (JsonNode e : p.get("entries")) {
            // [id, list, plate, state, make, model, colour, reason, expiresAt]
            try {
                long id = e.get(0).asLong();
                entries.add(new HotlistEntry(
                        id,
                        e.get(1).asString(),
                        e.get(2).asString(),
                        e.get(3).isNull()
                                ? null
                                : UsState.fromCode(e.get(3).asString()).orElse(null),
                        VehicleDescription.of(nullable(e.get(4)), nullable(e.get(5)), nullable(e.get(6))),
                        e.get(7).isNull() ? "" : e.get(7).asString()));
                if (!e.get(8).isNull()) {
                    expiries.put(id, Instant.parse(e.get(8).asString()));
                }
            } catch (IllegalArgumentException | NullPointerException bad) {
                log.warning("Hot-list entry left out of the local index: " + bad.getMessage());
            }
        }
        Map<String, Instant> asOf = new HashMap<>();
        for (JsonNode l : p.get("lists")) {
            if (l.hasNonNull("asOf")) {
                asOf.put(l.get("code").asString(), Instant.parse(l.get("asOf").asString()));
            }
        }
        Duration maxAge =
                p.hasNonNull("maxAge") ? Duration.parse(p.get("maxAge").asString()) : null;
        return new Lists(
                HotlistIndex.build(entries), Map.copyOf(expiries), version, verifiedAt, Map.copyOf(asOf), maxAge);
    }

    private static String nullable(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }

    private PublicKey knownKey() throws IOException {
        if (givenKey != null) {
            return publicKey(givenKey);
        }
        return Files.exists(pinnedKey) ? publicKey(Files.readString(pinnedKey).trim()) : null;
    }

    private PublicKey pinFromServer(ServerClient server) throws IOException {
        ServerClient.Answer a = server.hotlistKey();
        JsonNode j = a.json();
        if (a.status() != 200 || j == null || !j.hasNonNull("publicKey")) {
            throw new HotlistVerificationException("the server's export key cannot be fetched");
        }
        String key = j.get("publicKey").asString();
        PublicKey pk = publicKey(key);
        Files.writeString(pinnedKey, key + "\n");
        log.info("Hot-list export key " + j.path("keyId").asString("?") + " pinned on first contact");
        return pk;
    }

    static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new HotlistVerificationException("not an Ed25519 public key (X.509, Base64)");
        }
    }

    private void save(Lists lists, JsonNode exportOrNull) {
        try {
            JsonNode export = exportOrNull;
            if (export == null) {
                if (!Files.exists(saved)) {
                    return;
                }
                export = readSaved().get("export");
            }
            ObjectNode s = ServerClient.JSON.createObjectNode();
            s.put("verifiedAt", lists.verifiedAt().toString());
            s.set("export", export);
            Path tmp = saved.resolveSibling(saved.getFileName() + ".new");
            Files.write(
                    tmp, sealer.seal(ServerClient.JSON.writeValueAsString(s).getBytes(StandardCharsets.UTF_8), SAVED));
            Files.move(tmp, saved, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | JacksonException e) {
            log.warning("Hot-list copy not saved: " + e.getMessage());
        }
    }

    private JsonNode readSaved() throws IOException {
        return ServerClient.JSON.readTree(sealer.open(Files.readAllBytes(saved), SAVED));
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The export does not verify: the previous copy stays in force. */
    static final class HotlistVerificationException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        HotlistVerificationException(String message) {
            super(message);
        }
    }
}
