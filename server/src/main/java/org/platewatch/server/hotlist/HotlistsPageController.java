package org.platewatch.server.hotlist;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.console.ConsoleNavEntry;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The hot lists page ({@code /hotlists}): the designated sources with their age against the policy's
 * maximum, the custom-entry (BOLO) form, and, for the administrator and supervisors, what awaits their
 * approval. Changes go through the hot-list API from the browser ({@code static/js/hotlists.js}), so the
 * API's checks and audit apply; the page only reads. No plate text ever travels in its URLs.
 */
@Controller
class HotlistsPageController extends ConsoleController {

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    static final Set<String> MEMBER_ROLES = Set.of("OFFICER", "INVESTIGATOR", "SUPERVISOR", "ADMINISTRATOR");

    private final Hotlists hotlists;
    private final HotlistFreshness freshness;
    private final HotlistStore store;
    private final JdbcClient jdbc;
    private final MemberAccess access;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final DepartmentProfile profile;

    HotlistsPageController(
            Hotlists hotlists,
            HotlistFreshness freshness,
            HotlistStore store,
            JdbcClient jdbc,
            MemberAccess access,
            AuditLog audit,
            TransactionTemplate tx,
            DepartmentProfile profile) {
        this.hotlists = hotlists;
        this.freshness = freshness;
        this.store = store;
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.profile = profile;
    }

    @Bean
    static ConsoleNavEntry hotlistsNav() {
        return new ConsoleNavEntry("hotlists", "Hot lists", "/hotlists", 30, MEMBER_ROLES);
    }

    /** One list as the page shows it, with its last import (accepted or not). */
    record ListRow(Hotlist list, Optional<HotlistFreshness.ListFreshness> freshness, LastImport lastImport) {
        public boolean stale() {
            return freshness.map(HotlistFreshness.ListFreshness::stale).orElse(false);
        }

        public String age() {
            return freshness
                    .map(f -> f.age() == null ? "never loaded" : describe(f.age()))
                    .orElse("—");
        }

        public boolean external() {
            return list.external();
        }
    }

    record LastImport(
            long id,
            Instant startedAt,
            String outcome,
            int records,
            int loaded,
            int droppedImmigration,
            Integer errorLine,
            String errorReason,
            String importedBy) {}

    @GetMapping("/hotlists")
    @PreAuthorize("hasAnyRole('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR')")
    String page(Model model) {
        UserAccount member = access.requireMember();
        boolean manages = access.may(member, Permission.MANAGE_HOTLISTS);
        boolean approvesChanges = access.may(member, Permission.APPROVE_HOTLIST_ENTRIES)
                && member.role().name().equals("SUPERVISOR"); // the change-approval endpoint is supervisors'
        Map<Long, HotlistFreshness.ListFreshness> ages = freshness.report().stream()
                .collect(Collectors.toMap(HotlistFreshness.ListFreshness::id, Function.identity()));
        List<ListRow> rows = hotlists.all().stream()
                .filter(Hotlist::active)
                .map(Hotlist::forMembers)
                .map(h -> new ListRow(h, Optional.ofNullable(ages.get(h.id())), lastImport(h.id())))
                .toList();
        model.addAttribute("lists", rows);
        model.addAttribute(
                "externalLists", rows.stream().filter(ListRow::external).toList());
        model.addAttribute("maxAge", describe(profile.hotlists().maxAge()));
        model.addAttribute("allowedSources", profile.hotlists().allowedSources());
        model.addAttribute("customRules", profile.hotlists().customEntries());
        model.addAttribute("mayPropose", access.may(member, Permission.PROPOSE_HOTLIST_ENTRIES));
        model.addAttribute("cletsAuthorised", access.may(member, Permission.QUERY_CLETS));
        model.addAttribute("cletsAskFor", CletsWithheld.ASK_FOR);
        model.addAttribute("manages", manages);
        model.addAttribute("approvesChanges", approvesChanges);
        model.addAttribute("pendingEntries", manages ? pending("status = 'PENDING'", member) : List.of());
        List<HotlistEntryView> changes = approvesChanges ? pending("proposed_change IS NOT NULL", member) : List.of();
        model.addAttribute("pendingChanges", changes);
        model.addAttribute(
                "changeSummaries",
                changes.stream().collect(Collectors.toMap(HotlistEntryView::id, e -> summarise(e.proposedChange()))));
        model.addAttribute("username", member.username());
        return "hotlist/hotlists";
    }

    private LastImport lastImport(long listId) {
        return jdbc.sql("""
                        SELECT id, started_at, outcome, records, loaded, dropped_immigration, error_line,
                               error_reason, imported_by
                        FROM hotlist_imports WHERE hotlist_id = ? ORDER BY id DESC LIMIT 1
                        """)
                .param(listId)
                .query((rs, n) -> new LastImport(
                        rs.getLong("id"),
                        HotlistStore.instant(rs, "started_at"),
                        rs.getString("outcome"),
                        rs.getInt("records"),
                        rs.getInt("loaded"),
                        rs.getInt("dropped_immigration"),
                        (Integer) rs.getObject("error_line"),
                        rs.getString("error_reason"),
                        rs.getString("imported_by")))
                .optional()
                .orElse(null);
    }

    /**
     * Custom entries awaiting this member's decision. They carry plate text, so showing them is audited like
     * any other look-up of hot-list entries ({@code hotlist.entries-viewed}), in the same transaction.
     */
    private List<HotlistEntryView> pending(String condition, UserAccount member) {
        Optional<Hotlist> custom = store.listByCode(Hotlists.CUSTOM_CODE);
        if (custom.isEmpty()) {
            return List.of();
        }
        long listId = custom.get().id();
        return tx.execute(status -> {
            List<Long> ids = jdbc.sql("SELECT id FROM hotlist_entries WHERE hotlist_id = ? AND " + condition
                            + " ORDER BY id LIMIT 200")
                    .param(listId)
                    .query(Long.class)
                    .list();
            List<HotlistEntryView> entries =
                    ids.stream().map(store::entry).flatMap(Optional::stream).toList();
            if (!entries.isEmpty()) {
                audit.record(
                        member.actor(),
                        new AuditEvent(
                                "hotlist.entries-viewed",
                                "hotlist:" + listId,
                                "awaiting approval",
                                null,
                                null,
                                entries.size()));
            }
            return entries;
        });
    }

    /** "vehicle: Blue Nissan Altima; expiresAt: 2026-12-01" from the stored change, leaving out what stays. */
    static String summarise(String proposedChangeJson) {
        if (proposedChangeJson == null) {
            return "";
        }
        tools.jackson.databind.JsonNode change = JSON.readTree(proposedChangeJson);
        List<String> parts = new java.util.ArrayList<>();
        change.properties().forEach(field -> {
            tools.jackson.databind.JsonNode v = field.getValue();
            if (v == null || v.isNull()) {
                return;
            }
            if (v.isObject()) {
                String inner = java.util.stream.Stream.of("color", "make", "model")
                        .map(k -> v.path(k).isString() ? v.path(k).asString() : null)
                        .filter(x -> x != null && !x.isBlank())
                        .collect(Collectors.joining(" "));
                parts.add(field.getKey() + ": " + (inner.isBlank() ? "cleared" : inner));
            } else {
                parts.add(field.getKey() + ": " + v.asString());
            }
        });
        return String.join("; ", parts);
    }

    static String describe(Duration d) {
        if (d.isNegative()) {
            return "in the future";
        }
        long hours = d.toHours();
        if (hours >= 48) {
            return d.toDays() + " days";
        }
        if (hours >= 1) {
            return d.toMinutesPart() == 0 ? hours + " h" : hours + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(d.toMinutes(), 0) + " min";
    }
}
