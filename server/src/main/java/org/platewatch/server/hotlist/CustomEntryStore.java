package org.platewatch.server.hotlist;

import java.sql.Timestamp;
import java.time.Instant;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the department's own entries: entering one, locking it for a decision, the change awaiting
 * approval (kept as the JSON of the request that proposed it) and the decisions. Reading an entry back is
 * {@link HotlistStore#entry}.
 */
@Repository
class CustomEntryStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final HotlistStore store;

    CustomEntryStore(JdbcClient jdbc, HotlistStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /**
     * Stores a new entry, pending the administrator's approval; returns its id. The entry is the acting agency's
     * (outside hub mode, where none is set, the home agency's); in hub mode with none acting, row-level security
     * refuses it (V79).
     */
    long insertPending(long listId, ValidEntry v, String enteredBy, Instant enteredAt, String enteringAgency) {
        return jdbc.sql("""
                        INSERT INTO hotlist_entries (hotlist_id, plate, state, reason, vehicle_make, vehicle_model,
                                                     vehicle_color, case_number, synopsis, expires_at, status,
                                                     entered_by, entered_at, entering_agency, agency_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?,
                                coalesce((SELECT platewatch_agency()), 1)) RETURNING id
                        """)
                .params(
                        listId,
                        v.plate(),
                        v.state(),
                        v.reason(),
                        v.make(),
                        v.model(),
                        v.color(),
                        v.caseNumber(),
                        v.synopsis(),
                        Timestamp.from(v.expiresAt()),
                        enteredBy,
                        Timestamp.from(enteredAt),
                        enteringAgency)
                .query(Long.class)
                .single();
    }

    /** The custom entry {@code id}, locked until the transaction ends (404 when there is no such custom entry). */
    HotlistEntryView lockedCustomEntry(long id) {
        jdbc.sql("SELECT id FROM hotlist_entries WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Long.class)
                .optional();
        HotlistEntryView entry = store.entry(id)
                .filter(e -> Hotlists.CUSTOM_CODE.equals(e.list()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No custom entry " + id));
        return entry;
    }

    /** Sets {@code status} (ACTIVE or REJECTED) as decided by {@code approvedBy}. */
    void decide(long id, String status, String approvedBy, Instant approvedAt) {
        jdbc.sql("UPDATE hotlist_entries SET status = ?, approved_by = ?, approved_at = ? WHERE id = ?")
                .params(status, approvedBy, Timestamp.from(approvedAt), id)
                .update();
    }

    /** Keeps {@code change} awaiting a supervisor's approval, replacing any earlier one; returns it as stored. */
    String proposeChange(long id, CustomEntryRequest change, String proposedBy, Instant proposedAt) {
        String json = JSON.writeValueAsString(change);
        jdbc.sql("UPDATE hotlist_entries SET proposed_change = ?, proposed_by = ?, proposed_at = ? WHERE id = ?")
                .params(json, proposedBy, Timestamp.from(proposedAt), id)
                .update();
        return json;
    }

    /** The change awaiting approval on {@code entry}, as its proposer sent it. */
    CustomEntryRequest proposedChange(HotlistEntryView entry) {
        return JSON.readValue(entry.proposedChange(), CustomEntryRequest.class);
    }

    /** Writes an approved change (merged with the entry and validated whole) over the entry's fields. */
    void applyChange(long id, ValidEntry v) {
        jdbc.sql("""
                        UPDATE hotlist_entries SET plate = ?, state = ?, reason = ?, vehicle_make = ?,
                               vehicle_model = ?, vehicle_color = ?, case_number = ?, synopsis = ?,
                               expires_at = ?
                        WHERE id = ?
                        """)
                .params(
                        v.plate(),
                        v.state(),
                        v.reason(),
                        v.make(),
                        v.model(),
                        v.color(),
                        v.caseNumber(),
                        v.synopsis(),
                        Timestamp.from(v.expiresAt()),
                        id)
                .update();
    }

    /** Ends the wait for a decision on the entry's change, whichever way it went. */
    void clearProposedChange(long id) {
        jdbc.sql("UPDATE hotlist_entries SET proposed_change = NULL, proposed_by = NULL, proposed_at = NULL "
                        + "WHERE id = ?")
                .param(id)
                .update();
    }
}
