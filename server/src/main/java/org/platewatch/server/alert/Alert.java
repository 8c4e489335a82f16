package org.platewatch.server.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.plate.hotlist.MatchKind;
import org.platewatch.server.hotlist.CletsWithheld;

/**
 * An alert as the console, the API and the live stream get it. Field names are a contract with the
 * console: {@code id, state, raisedAt, matchKind, read, entry, checks, transitions}; {@code plainHit},
 * {@code label} and {@code allowedTransitions} are derived. Only an EXACT match is a plain hit; every other
 * kind carries a label saying what it is.
 *
 * @param outcome        how the stop ended, once CLEARED
 * @param incidentNumber the incident the stop was recorded under, once CLEARED
 * @param cletsDerived   the hit is on a CLETS-derived list (CA DOJ, NCIC: {@code HotlistSource.cletsDerived}):
 *                       only members with CLETS authorisation see its details
 * @param withheld       null when the alert is shown in full; else why its plate, entry, checks, image and
 *                       transition details are left out ({@link #withheldFromMembersWithoutClets}) and whom to ask
 */
@JsonPropertyOrder({
    "id",
    "state",
    "raisedAt",
    "matchKind",
    "plainHit",
    "label",
    "cletsDerived",
    "withheld",
    "read",
    "entry",
    "checks",
    "transitions",
    "allowedTransitions",
    "outcome",
    "incidentNumber"
})
public record Alert(
        long id,
        AlertState state,
        Instant raisedAt,
        MatchKind matchKind,
        Read read,
        EntrySnapshot entry,
        AlertChecks checks,
        List<AlertTransition> transitions,
        StopOutcome outcome,
        String incidentNumber,
        boolean cletsDerived,
        CletsWithheld withheld) {

    public Alert {
        transitions = List.copyOf(transitions);
    }

    /** The read's snapshot and where its image is, if one is stored. */
    public record Read(@JsonUnwrapped ReadSnapshot snapshot, String imageUrl) {

        static Read of(ReadSnapshot snapshot, boolean hasImage) {
            return new Read(snapshot, hasImage ? "/api/v1/reads/" + snapshot.readId() + "/image" : null);
        }
    }

    @JsonProperty("plainHit")
    public boolean plainHit() {
        return matchKind == MatchKind.EXACT;
    }

    @JsonProperty("label")
    public String label() {
        return label(matchKind);
    }

    @JsonProperty("allowedTransitions")
    public List<String> allowedTransitions() {
        return state.next().stream().map(Enum::name).sorted().toList();
    }

    /** This alert after {@code transition}: its new state, the step appended, and the outcome once cleared. */
    Alert after(AlertTransition transition) {
        List<AlertTransition> all = new ArrayList<>(transitions);
        all.add(transition);
        StopOutcome o = outcome;
        String incident = incidentNumber;
        if (transition.details() instanceof Transition.Cleared cleared) {
            o = cleared.outcome();
            incident = cleared.incidentNumber();
        }
        return new Alert(
                id,
                transition.to(),
                raisedAt,
                matchKind,
                read,
                entry,
                checks,
                all,
                o,
                incident,
                cletsDerived,
                withheld);
    }

    /**
     * This alert as a member without CLETS authorisation sees a CLETS-derived hit: that it exists (id, state,
     * time, camera and place, the list's name) and whom to ask, but not the plate or state (read's or entry's),
     * the vehicle, the entry's fields, the automatic checks (they say what the entry holds), the read's id and
     * image, or what the transitions recorded (a CLETS query's answer, the confirming agency).
     */
    Alert withheldFromMembersWithoutClets() {
        ReadSnapshot r = read.snapshot();
        ReadSnapshot readLeft = new ReadSnapshot(
                null,
                null,
                null,
                r.confidence(),
                r.capturedAt(),
                r.latitude(),
                r.longitude(),
                r.deviceId(),
                r.deviceName(),
                VehicleDescription.UNKNOWN);
        EntrySnapshot entryLeft = new EntrySnapshot(
                0,
                entry.list(),
                entry.listName(),
                null,
                null,
                null,
                VehicleDescription.UNKNOWN,
                null,
                null,
                null,
                false,
                false,
                entry.listAsOf(),
                entry.listStale());
        List<AlertTransition> steps = transitions.stream()
                .map(t -> new AlertTransition(t.from(), t.to(), t.by(), t.at(), null))
                .toList();
        return new Alert(
                id,
                state,
                raisedAt,
                matchKind,
                new Read(readLeft, null),
                entryLeft,
                null,
                steps,
                outcome,
                incidentNumber,
                cletsDerived,
                CletsWithheld.of(entry.listName()));
    }

    static String label(MatchKind kind) {
        return switch (kind) {
            case EXACT -> "Hot-list hit: plate and state agree. Verify before acting";
            case STATE_MISMATCH -> "WRONG STATE: same characters, different issuing state; probably another vehicle";
            case STATE_UNKNOWN -> "STATE NOT READ: same characters, the camera could not read the state";
            case CONFUSABLE ->
                "CONFUSABLE CHARACTERS: not the same plate text (e.g. 0/O, 1/I, 8/B); verify every character";
            case PARTIAL -> "PARTIAL PLATE: matches a partial-plate BOLO pattern; verify plate and vehicle";
            case VEHICLE -> "VEHICLE DESCRIPTION ONLY: the plate was not on the list; confirm the vehicle";
        };
    }

    @Override
    public String toString() {
        return "Alert[id=" + id + ", state=" + state + ", matchKind=" + matchKind + "]"; // never plate text
    }
}
