package org.platewatch.server.hotlist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.Ed25519KeyFile;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.policy.DepartmentProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compact, signed export of the hot lists in force that edge agents match against offline: the same
 * entries as the server's matcher ({@link HotlistStore#activeEntries}), one JSON array per entry
 * ({@code [id, list, plate, state, make, model, colour, reason, expiresAt]}), each external list's data
 * date, and the profile's maximum list age. The payload is signed with its own key ({@code DATA_DIR/hotlist-export.key}, not the audit anchors'); its
 * version is the SHA-256 of the payload, which is the response's ETag.
 *
 * <p>Built once and kept until the matcher swaps its index ({@link HotlistSwapped}: an import, an approval,
 * an expiry), so a fleet asking every few minutes costs one comparison of ETags each.
 *
 * <p>One export per agency: the hub-wide lists and the asking device's agency's own custom entries, never another
 * agency's (outside hub mode every device and entry is the home agency's, so there is one).
 */
@Component
class HotlistExport {

    private static final Logger log = LoggerFactory.getLogger(HotlistExport.class);

    private final HotlistStore store;
    private final DepartmentProfile profile;
    private final Clock clock;
    private final JsonMapper json;
    private final Ed25519KeyFile key;
    private final Map<AgencyId, Signed> current = new ConcurrentHashMap<>();

    HotlistExport(
            HotlistStore store,
            DepartmentProfile profile,
            Clock clock,
            JsonMapper json,
            PlatewatchProperties platform) {
        this.store = store;
        this.profile = profile;
        this.clock = clock;
        this.json = json;
        this.key = Ed25519KeyFile.loadOrCreate(platform.dataDir().resolve("hotlist-export.key"), "hot-list export");
    }

    /**
     * The signed export.
     *
     * @param payload   the JSON text that was signed, as a string: the agent verifies these exact bytes
     * @param signature Ed25519 over the payload's UTF-8, Base64
     */
    record Signed(String version, String keyId, String signature, String payload) {}

    /** The key an agent pins to verify exports. */
    record PublicKeyView(String keyId, String algorithm, String publicKey) {}

    /** The export for the asking device's agency. */
    Signed current() {
        AgencyId agency = AgencyScope.current().orElse(AgencyId.HOME);
        return current.computeIfAbsent(agency, this::build);
    }

    PublicKeyView publicKey() {
        return new PublicKeyView(key.keyId(), "Ed25519", key.publicKey());
    }

    @EventListener
    void onSwap(HotlistSwapped swapped) {
        current.clear();
    }

    private Signed build(AgencyId agency) {
        ObjectNode p = json.createObjectNode();
        p.put("format", 1);
        p.put("maxAge", profile.hotlists().maxAge().toString());
        ArrayNode lists = p.putArray("lists");
        for (Hotlist h : store.lists()) {
            if (h.active()) {
                lists.addObject()
                        .put("code", h.code())
                        .put("external", h.external())
                        .put("asOf", h.external() && h.asOf() != null ? h.asOf().toString() : null);
            }
        }
        ArrayNode entries = p.putArray("entries");
        // Row-level security shows the device's agency's own entries alone in hub mode; the filter says so here too.
        List<HotlistStore.ActiveEntry> active = store.activeEntries(clock.instant()).stream()
                .filter(e -> e.agency() == null || e.agency().equals(agency))
                .sorted(Comparator.comparingLong(HotlistStore.ActiveEntry::id))
                .toList();
        for (HotlistStore.ActiveEntry e : active) {
            entries.addArray()
                    .add(e.id())
                    .add(e.listCode())
                    .add(e.plate())
                    .add(e.state() == null ? null : e.state().trim())
                    .add(e.make())
                    .add(e.model())
                    .add(e.color())
                    .add(e.reason())
                    .add(e.expiresAt() == null ? null : e.expiresAt().toString());
        }
        String payload = json.writeValueAsString(p);
        String version = sha256(payload);
        log.info(
                "Hot-list export {} built for agency {}: {} entries",
                version.substring(0, 12),
                agency.value(),
                active.size());
        return new Signed(version, key.keyId(), key.sign(payload), payload);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
