package org.platewatch.server.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.plate.hotlist.MatchKind;
import org.platewatch.plate.hotlist.StateAgreement;
import org.platewatch.server.hotlist.HotlistEntryView;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.reads.NewDetection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert JSON the console and the live stream get. Field names are a contract with the console:
 * {@code id, state, raisedAt, matchKind, read, entry, checks, transitions}; {@code plainHit}, {@code label},
 * {@code stateAgreement} and {@code allowedTransitions} are additions. Only an EXACT match is a plain hit;
 * every other kind carries a label saying what it is.
 */
final class AlertJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private AlertJson() {
    }

    static String label(MatchKind kind) {
        return switch (kind) {
            case EXACT -> "Hot-list hit: plate and state agree. Verify before acting";
            case STATE_MISMATCH -> "WRONG STATE: same characters, different issuing state; probably another vehicle";
            case STATE_UNKNOWN -> "STATE NOT READ: same characters, the camera could not read the state";
            case CONFUSABLE -> "CONFUSABLE CHARACTERS: not the same plate text (e.g. 0/O, 1/I, 8/B); verify every character";
            case PARTIAL -> "PARTIAL PLATE: matches a partial-plate BOLO pattern; verify plate and vehicle";
            case VEHICLE -> "VEHICLE DESCRIPTION ONLY: the plate was not on the list; confirm the vehicle";
        };
    }

    static String read(Device device, NewDetection read) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readId", read.readId().toString());
        m.put("plate", read.plate());
        m.put("state", read.state());
        m.put("confidence", read.confidence());
        m.put("capturedAt", read.capturedAt().toString());
        m.put("latitude", read.latitude());
        m.put("longitude", read.longitude());
        m.put("deviceId", device.id().toString());
        m.put("deviceName", device.name());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("make", read.vehicle().make());
        v.put("model", read.vehicle().model());
        v.put("color", read.vehicle().color());
        v.put("type", read.vehicle().type());
        m.put("vehicle", v);
        return JSON.writeValueAsString(m);
    }

    /** The entry as it was when the alert was raised; {@code details} is null when the row is gone already. */
    static String entry(HotlistMatch match, HotlistEntryView details, boolean listStale) {
        Map<String, Object> m = new LinkedHashMap<>();
        var e = match.entry();
        m.put("id", e.id());
        m.put("list", e.listCode());
        m.put("listName", details == null ? e.listCode() : details.listName());
        m.put("plate", e.isVehicleOnly() ? null : e.platePattern());
        m.put("state", e.state() == null ? null : e.state().name());
        m.put("reason", details == null ? e.reasonCode() : details.reason());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("make", e.vehicle().make());
        v.put("model", e.vehicle().model());
        v.put("color", e.vehicle().color());
        m.put("vehicle", v);
        m.put("caseNumber", details == null ? null : details.caseNumber());
        m.put("listType", details == null ? null : details.listType());
        m.put("enteringAgency", details == null ? null : details.enteringAgency());
        m.put("partial", e.isPartial());
        m.put("vehicleOnly", e.isVehicleOnly());
        m.put("listAsOf", details == null || details.listAsOf() == null ? null : details.listAsOf().toString());
        m.put("listStale", listStale);
        return JSON.writeValueAsString(m);
    }

    static String checks(HotlistMatch match, NewDetection read) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stateMatches", match.state() == StateAgreement.SAME ? Boolean.TRUE
                : match.state() == StateAgreement.DIFFERENT ? Boolean.FALSE : null);
        var ev = match.entry().vehicle();
        m.put("makeMatches", same(ev.make(), read.vehicle().make()));
        m.put("modelMatches", same(ev.model(), read.vehicle().model()));
        m.put("colorMatches", same(ev.color(), read.vehicle().color()));
        m.put("stateAgreement", match.state().name());
        return JSON.writeValueAsString(m);
    }

    /** Null when either side is unknown: "no information" is not "does not match". */
    private static Boolean same(String entry, String read) {
        if (entry == null || read == null || entry.isBlank() || read.isBlank()) {
            return null;
        }
        return normal(entry).equals(normal(read));
    }

    private static String normal(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    static Map<String, Object> render(AlertStore.AlertRow row, List<AlertStore.TransitionRow> transitions,
            String imageUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        MatchKind kind = MatchKind.valueOf(row.matchKind());
        m.put("id", row.id());
        m.put("state", row.state().name());
        m.put("raisedAt", row.raisedAt().toString());
        m.put("matchKind", kind.name());
        m.put("plainHit", kind == MatchKind.EXACT);
        m.put("label", label(kind));
        JsonNode read = JSON.readTree(row.readJson());
        ((tools.jackson.databind.node.ObjectNode) read).put("imageUrl", imageUrl);
        m.put("read", read);
        m.put("entry", JSON.readTree(row.entryJson()));
        m.put("checks", JSON.readTree(row.checksJson()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (AlertStore.TransitionRow t : transitions) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("from", t.from().name());
            tm.put("to", t.to().name());
            tm.put("by", t.by());
            tm.put("at", t.at().toString());
            tm.put("details", JSON.readTree(t.details()));
            list.add(tm);
        }
        m.put("transitions", list);
        m.put("allowedTransitions", row.state().next().stream().map(Enum::name).sorted().toList());
        m.put("outcome", row.outcome());
        m.put("incidentNumber", row.incidentNumber());
        return m;
    }
}
