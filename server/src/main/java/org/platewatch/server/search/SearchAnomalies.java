package org.platewatch.server.search;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Service;

/**
 * The four flags of the search review (issue 16), over the window {@code platewatch.search.anomalies.window} up to
 * now. Each rule is a plain count against a threshold (see {@link SearchAnomalyKind} for the rules as the review
 * states them), so that the same searches always raise the same flags and a member can be told exactly why. Who
 * may read the flags, and the audit of that read, is {@link SearchReview}'s.
 */
@Service
class SearchAnomalies {

    /**
     * Words that say nothing about why a search is made: a reason made only of these ("follow up on case", "n/a",
     * "info request") is vague, however long.
     */
    static final List<String> GENERAL_WORDS =
            List.of(("a an and the of for on in to re per see as same above case cases investigation investigations"
                            + " investigative investigate inv follow up followup n na info information inquiry enquiry"
                            + " check checks general misc other ongoing open pending request requested review research"
                            + " search query lead leads work police official business law enforcement purpose"
                            + " purposes data record records tbd unknown none")
                    .split(" "));

    /** The whole normalised reason made of general words, one space between them (PostgreSQL's regex syntax). */
    static final String GENERAL_WORDS_ONLY =
            "^(" + String.join("|", GENERAL_WORDS) + ")( (" + String.join("|", GENERAL_WORDS) + "))*$";

    private final SearchAnomalyStore store;
    private final SearchAnomalyProperties rules;
    private final ZoneId zone;
    private final Clock clock;

    SearchAnomalies(SearchAnomalyStore store, SearchAnomalyProperties rules, DepartmentProfile profile, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.zone = profile.zone();
        this.clock = clock;
    }

    /** Every flag over the window ending now. */
    SearchAnomalyReport report() {
        Instant to = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant from = to.minus(rules.window());
        Map<String, int[]> hours = byMember(store.hourCounts(from, to, zone));
        List<SearchAnomaly> flags = new ArrayList<>();
        flags.addAll(samePlateManyCases(from, to));
        flags.addAll(farAbovePeers(hours, from, to));
        flags.addAll(sameVagueReason(from, to));
        flags.addAll(outsideUsualHours(hours, from, to));
        List<SearchAnomalyReport.Rule> explained = Arrays.stream(SearchAnomalyKind.values())
                .map(k -> new SearchAnomalyReport.Rule(k, k.label(), k.rule(rules)))
                .toList();
        return new SearchAnomalyReport(from, to, zone.getId(), explained, flags);
    }

    private List<SearchAnomaly> samePlateManyCases(Instant from, Instant to) {
        Map<String, List<SearchAnomalyStore.Row>> groups = new LinkedHashMap<>();
        store.samePlateManyCases(from, to, rules.samePlateMinCases())
                .forEach(r -> groups.computeIfAbsent(r.requestedBy() + '\n' + r.key(), g -> new ArrayList<>())
                        .add(r));
        return groups.values().stream()
                .map(rows -> {
                    // as the store compares them: "24-1" and " 24-1" are one case
                    List<String> cases = rows.stream()
                            .map(r -> r.caseNumber().strip().toUpperCase(Locale.ROOT))
                            .distinct()
                            .toList();
                    String summary = "Searched plate " + rows.get(0).key() + " under " + cases.size()
                            + " case numbers (" + String.join(", ", cases) + ") in " + rows.size()
                            + " searches in the last " + rules.windowText() + "; flagged at "
                            + rules.samePlateMinCases() + " or more different cases.";
                    return flag(SearchAnomalyKind.SAME_PLATE_MANY_CASES, List.of(memberOf(rows)), summary, rows);
                })
                .toList();
    }

    /**
     * A member is far above their peers when their count is more than {@code peerFactor} times the median of the
     * other members who searched in the window, and at least {@code peerMinSearches}. The median, not the mean, so
     * that one heavy searcher does not raise the bar for another; the minimum, so that three searches against one
     * are not a flag; and no flag where no one else searched, since there is nothing to compare with.
     */
    private List<SearchAnomaly> farAbovePeers(Map<String, int[]> hours, Instant from, Instant to) {
        Map<String, Integer> totals = new TreeMap<>();
        hours.forEach((member, h) -> totals.put(member, Arrays.stream(h).sum()));
        List<SearchAnomaly> flags = new ArrayList<>();
        totals.forEach((member, count) -> {
            List<Integer> peers = totals.entrySet().stream()
                    .filter(e -> !e.getKey().equals(member))
                    .map(Map.Entry::getValue)
                    .sorted()
                    .toList();
            if (peers.isEmpty() || count < rules.peerMinSearches()) {
                return;
            }
            double median = median(peers);
            if (count > rules.peerFactor() * median) {
                List<SearchAnomalyStore.Row> rows = store.searchesOf(member, from, to);
                if (rows.isEmpty()) {
                    return;
                }
                String summary = count + " searches in the last " + rules.windowText() + "; the " + peers.size()
                        + " other members who searched made a median of " + number(median) + ". Flagged above "
                        + rules.peerFactor() + " × the median and at " + rules.peerMinSearches()
                        + " searches or more.";
                flags.add(flag(SearchAnomalyKind.FAR_ABOVE_PEERS, List.of(memberOf(rows)), summary, rows));
            }
        });
        flags.sort((a, b) -> Integer.compare(b.searchCount(), a.searchCount()));
        return flags;
    }

    private List<SearchAnomaly> sameVagueReason(Instant from, Instant to) {
        Map<String, List<SearchAnomalyStore.Row>> groups = new LinkedHashMap<>();
        store.sameVagueReason(from, to, rules.sameReasonMinSearches(), rules.vagueReasonLength(), GENERAL_WORDS_ONLY)
                .forEach(r ->
                        groups.computeIfAbsent(r.key(), g -> new ArrayList<>()).add(r));
        return groups.entrySet().stream()
                .map(e -> {
                    List<SearchAnomalyStore.Row> rows = e.getValue();
                    Map<String, List<SearchAnomalyStore.Row>> byMember = rows.stream()
                            .collect(Collectors.groupingBy(
                                    SearchAnomalyStore.Row::requestedBy, LinkedHashMap::new, Collectors.toList()));
                    List<SearchAnomaly.Member> members = byMember.values().stream()
                            .map(SearchAnomalies::memberOf)
                            .toList();
                    String reason = e.getKey().isEmpty() ? "(punctuation only)" : "\"" + e.getKey() + "\"";
                    String why = e.getKey().length() < rules.vagueReasonLength()
                            ? "shorter than " + rules.vagueReasonLength() + " characters"
                            : "only general words";
                    String summary = rows.size() + " searches by " + members.size() + " member"
                            + (members.size() == 1 ? "" : "s") + " in the last " + rules.windowText()
                            + " gave the reason " + reason + " (ignoring case and punctuation), which is vague: "
                            + why + ". Flagged at " + rules.sameReasonMinSearches() + " or more searches.";
                    return flag(SearchAnomalyKind.SAME_VAGUE_REASON, members, summary, rows);
                })
                .sorted((a, b) -> Integer.compare(b.searchCount(), a.searchCount()))
                .toList();
    }

    private List<SearchAnomaly> outsideUsualHours(Map<String, int[]> hours, Instant from, Instant to) {
        List<SearchAnomaly> flags = new ArrayList<>();
        hours.forEach((member, h) -> {
            int total = Arrays.stream(h).sum();
            if (total < rules.hoursMinHistory()) {
                return;
            }
            SortedSet<Integer> rare = rareHours(h, total, rules.rareHoursPercent());
            if (rare.isEmpty()) {
                return;
            }
            List<SearchAnomalyStore.Row> rows = store.searchesOf(member, from, to).stream()
                    .filter(r -> rare.contains(r.requestedAt().atZone(zone).getHour()))
                    .toList();
            if (rows.isEmpty()) {
                return; // the member's searches changed since they were counted
            }
            int inRare = rare.stream().mapToInt(hour -> h[hour]).sum();
            String when = rare.stream()
                    .map(hour -> String.format(Locale.ROOT, "%02d:00–%02d:00 (%d)", hour, (hour + 1) % 24, h[hour]))
                    .collect(Collectors.joining(", "));
            String summary = inRare + " of " + total + " searches in the last " + rules.windowText()
                    + " fell in hours ("
                    + zone.getId() + ") when this member rarely searches: " + when + ". Together those hours hold "
                    + number(100.0 * inRare / total) + " % of the member's searches; their least-used hours under "
                    + rules.rareHoursPercent() + " % are flagged for members with " + rules.hoursMinHistory()
                    + " searches or more.";
            flags.add(flag(SearchAnomalyKind.OUTSIDE_USUAL_HOURS, List.of(memberOf(rows)), summary, rows));
        });
        return flags;
    }

    /**
     * The member's least-used hours, taken together while they hold under {@code percent} % of the member's
     * searches. Hours with the same count join together or not at all, so the result does not depend on the order
     * of the hours: a member who searches evenly across the day has no rare hours. Hours without searches have
     * nothing to flag and are left out.
     */
    static SortedSet<Integer> rareHours(int[] countsByHour, int total, int percent) {
        SortedSet<Integer> rare = new TreeSet<>();
        int taken = 0;
        int[] levels = Arrays.stream(countsByHour)
                .filter(c -> c > 0)
                .distinct()
                .sorted()
                .toArray();
        for (int level : levels) {
            List<Integer> atLevel = new ArrayList<>();
            for (int hour = 0; hour < countsByHour.length; hour++) {
                if (countsByHour[hour] == level) {
                    atLevel.add(hour);
                }
            }
            int withLevel = taken + level * atLevel.size();
            if (withLevel * 100L >= (long) percent * total) {
                break;
            }
            taken = withLevel;
            rare.addAll(atLevel);
        }
        return rare;
    }

    static double median(List<Integer> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private static Map<String, int[]> byMember(List<SearchAnomalyStore.HourCount> counts) {
        Map<String, int[]> byMember = new TreeMap<>();
        counts.forEach(c -> byMember.computeIfAbsent(c.requestedBy(), m -> new int[24])[c.hour()] += c.count());
        return byMember;
    }

    /** The member as their newest search names them (a name may have changed within the window). */
    private static SearchAnomaly.Member memberOf(List<SearchAnomalyStore.Row> rows) {
        SearchAnomalyStore.Row newest = rows.get(rows.size() - 1);
        return new SearchAnomaly.Member(newest.requestedBy(), newest.requestedByName());
    }

    private static SearchAnomaly flag(
            SearchAnomalyKind kind,
            List<SearchAnomaly.Member> members,
            String summary,
            List<SearchAnomalyStore.Row> rows) {
        return SearchAnomaly.of(
                kind,
                members,
                summary,
                rows.stream().map(SearchAnomaly.FlaggedSearch::of).toList());
    }
}
