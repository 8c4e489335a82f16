package org.platewatch.server.hotlist;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts misreads and not-confirmed results per entry (keyed by list, plate and state, so the count
 * survives the daily replacement of an imported list) and flags an entry for the administrator once
 * the count reaches {@code platewatch.hotlist.misread-flag-threshold}.
 */
@Component
public class HotlistQuality {

    /** What an alert on the entry turned out to be. */
    public enum Result {
        MISREAD,
        NOT_CONFIRMED
    }

    /** An entry's record; {@code flaggedAt} is null until it crosses the threshold. */
    public record EntryQuality(
            long hotlistId,
            String list,
            String plate,
            String state,
            int misreads,
            int notConfirmed,
            Instant flaggedAt,
            Long lastEntryId) {

        /** The record without the plate and state, for a member without CLETS authorisation. */
        EntryQuality withheld() {
            return new EntryQuality(hotlistId, list, null, null, misreads, notConfirmed, flaggedAt, lastEntryId);
        }
    }

    private static final String VEHICLE_ONLY_KEY = "#entry-";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final HotlistProperties properties;
    private final Clock clock;

    HotlistQuality(JdbcClient jdbc, AuditLog audit, HotlistProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts one result in the caller's transaction; true when this result made the entry flagged. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(long entryId, long hotlistId, String plate, String stateOrNull, Result result) {
        String state = stateOrNull == null ? "" : stateOrNull;
        // A vehicle-only custom entry has no plate; it keeps its id (custom entries are never replaced
        // by an import), so it is counted under that instead of sharing the empty plate with the others.
        plate = plate == null || plate.isEmpty() ? VEHICLE_ONLY_KEY + entryId : plate;
        int misread = result == Result.MISREAD ? 1 : 0;
        int notConfirmed = 1 - misread;
        int total = jdbc.sql("""
                        INSERT INTO hotlist_entry_quality (hotlist_id, plate, state, misreads, not_confirmed,
                                                           last_entry_id)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (hotlist_id, plate, state) DO UPDATE
                           SET misreads = hotlist_entry_quality.misreads + EXCLUDED.misreads,
                               not_confirmed = hotlist_entry_quality.not_confirmed + EXCLUDED.not_confirmed,
                               last_entry_id = EXCLUDED.last_entry_id
                        RETURNING misreads + not_confirmed
                        """)
                .params(hotlistId, plate, state, misread, notConfirmed, entryId)
                .query(Integer.class)
                .single();
        if (total >= properties.misreadFlagThreshold()) {
            int flagged = jdbc.sql("""
                            UPDATE hotlist_entry_quality SET flagged_at = ?
                            WHERE hotlist_id = ? AND plate = ? AND state = ? AND flagged_at IS NULL
                            """)
                    .params(Timestamp.from(clock.instant()), hotlistId, plate, state)
                    .update();
            if (flagged == 1) {
                audit.record(
                        Actor.SYSTEM,
                        AuditEvent.of("hotlist.entry-flagged", "hotlist-entry:" + entryId)
                                .withTerms("misreadsAndNotConfirmed=" + total + ", threshold="
                                        + properties.misreadFlagThreshold()));
                return true;
            }
        }
        return false;
    }

    /** The flagged entries for a member, audited ({@code hotlist.flagged-viewed}) in the same transaction. */
    @Transactional
    public List<EntryQuality> flaggedViewedBy(Actor by) {
        List<EntryQuality> flagged = flagged();
        audit.record(
                by, new AuditEvent("hotlist.flagged-viewed", "hotlists:flagged", null, null, null, flagged.size()));
        return flagged;
    }

    public List<EntryQuality> flagged() {
        return jdbc.sql("""
                        SELECT q.*, h.code FROM hotlist_entry_quality q JOIN hotlists h ON h.id = q.hotlist_id
                        WHERE q.flagged_at IS NOT NULL ORDER BY q.flagged_at DESC
                        """)
                .query((rs, n) -> new EntryQuality(
                        rs.getLong("hotlist_id"),
                        rs.getString("code"),
                        rs.getString("plate").startsWith(VEHICLE_ONLY_KEY) ? null : rs.getString("plate"),
                        rs.getString("state").isEmpty() ? null : rs.getString("state"),
                        rs.getInt("misreads"),
                        rs.getInt("not_confirmed"),
                        HotlistStore.instant(rs, "flagged_at"),
                        (Long) rs.getObject("last_entry_id")))
                .list();
    }
}
