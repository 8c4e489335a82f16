package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.SessionClient;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The search review's anomaly flags through the HTTP API on the real PostgreSQL, with the default thresholds: each
 * flag raised by the searches that should raise it and not by searches just under its threshold, with links to the
 * right searches; the review and the records behind it for READ_AUDIT holders only, and audited.
 *
 * <p>Searches are made through {@code POST /api/v1/searches}, never inserted: the hours flag moves the server's
 * {@link MutableClock} instead. The flags are department-wide, so each test first moves the clock past the
 * review's window: the searches of the tests before it no longer count. Members are created after that move, with
 * training and tokens current on the moved clock.
 */
@PlatewatchServerTest
class SearchAnomaliesApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    SearchAnomalyProperties rules;

    @Autowired
    DepartmentProfile profile;

    Api api;
    String auditor;
    /** Letters no confusable class holds, so that one test's plates are never another's. */
    String tag;

    @BeforeEach
    void setUp() {
        MutableClock moving = (MutableClock) clock;
        moving.advance(rules.window().plusDays(1));
        // five minutes into the next hour of the department's day: every search a test makes at once falls in
        // one hour, whatever the time the tests run
        ZonedDateTime local = clock.instant().atZone(profile.zone());
        moving.advance(Duration.between(
                local, local.truncatedTo(ChronoUnit.HOURS).plusHours(1).plusMinutes(5)));
        api = new Api(port);
        auditor = member(Role.AUDITOR);
        String letters = "ACEFHJKMNPRTUVWXY";
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            t.append(letters.charAt((int) (Math.random() * letters.length())));
        }
        tag = t.toString();
    }

    @Test
    void oneMemberSearchingOnePlateUnderTwoCasesIsFlaggedWithThoseSearchesAndOneCaseIsNot() {
        String a = member(Role.INVESTIGATOR);
        String b = member(Role.INVESTIGATOR);
        String plate = "7" + tag + "123";
        String other = "8" + tag + "456";
        List<String> flagged = new ArrayList<>();
        flagged.add(search(a, "24-100", "stolen vehicle reported by its owner", plate));
        search(a, "24-200", "stolen vehicle reported by its owner", other);
        flagged.add(search(a, "24-101", "suspect vehicle in a second burglary", plate));
        search(a, "24-200", "stolen vehicle reported by its owner", other); // another plate, one case: no flag
        flagged.add(search(a, "24-100", "stolen vehicle reported by its owner", plate));
        search(b, "24-300", "a third case that names the same plate", plate); // another member

        List<JsonNode> found = flags(review(), SearchAnomalyKind.SAME_PLATE_MANY_CASES);
        assertThat(found).hasSize(1);
        JsonNode flag = found.get(0);
        assertThat(usernames(flag)).containsExactly(username(a));
        assertThat(ids(flag)).containsExactlyElementsOf(flagged);
        assertThat(flag.get("searchCount").asInt()).isEqualTo(3);
        assertThat(flag.get("summary").asString()).contains(plate, "2 case numbers", "24-100", "24-101");
        assertThat(flag.get("searches").get(0).get("record").asString())
                .isEqualTo("/api/v1/searches/" + flagged.get(0) + "/record");
    }

    @Test
    void aMemberFarAboveTheirPeersIsFlaggedButNotOneUnderTheMinimumOrAtThreeTimesTheMedian() {
        // 21 against peers of 2, 3, 7 and 19 (median 5): over 3 × 5 and at least 20, flagged; 19 is over 3 × 5
        // too, against 2, 3, 7 and 21, but under the minimum of 20
        String heavy = member(Role.INVESTIGATOR);
        String underMinimum = member(Role.INVESTIGATOR);
        List<String> heavySearches = searches(heavy, 21);
        searches(underMinimum, 19);
        searches(member(Role.INVESTIGATOR), 2);
        searches(member(Role.INVESTIGATOR), 3);
        searches(member(Role.OFFICER), 7);

        List<JsonNode> found = flags(review(), SearchAnomalyKind.FAR_ABOVE_PEERS);
        assertThat(found).hasSize(1);
        assertThat(usernames(found.get(0))).containsExactly(username(heavy));
        assertThat(ids(found.get(0))).containsExactlyElementsOf(heavySearches);
        assertThat(found.get(0).get("summary").asString()).contains("21 searches", "median of 5", "3 ×");

        // a new window: 21 against 7, 7 and 7 is exactly 3 × the median, not more
        setUp();
        searches(member(Role.INVESTIGATOR), 21);
        for (int i = 0; i < 3; i++) {
            searches(member(Role.INVESTIGATOR), 7);
        }
        assertThat(flags(review(), SearchAnomalyKind.FAR_ABOVE_PEERS)).isEmpty();
    }

    @Test
    void manySearchesWithTheSameVagueReasonAreFlaggedWithTheirMembersAndFewerOrSpecificOnesAreNot() {
        String a = member(Role.INVESTIGATOR);
        String b = member(Role.INVESTIGATOR);
        String c = member(Role.SUPERVISOR);
        List<String> investigation = new ArrayList<>();
        investigation.add(search(a, "24-1", "Investigation.", plate(1)));
        investigation.add(search(b, "24-2", "investigation", plate(2)));
        investigation.add(search(a, "24-3", "  INVESTIGATION!! ", plate(3)));
        investigation.add(search(c, "24-4", "investigation", plate(4)));
        investigation.add(search(b, "24-5", "investigation", plate(5)));
        // long, but only general words: vague too
        List<String> general = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            general.add(search(c, "24-6" + i, "Follow up on the case investigation, per request", plate(10 + i)));
        }
        for (int i = 0; i < 4; i++) { // short and vague, but one under the threshold of 5
            search(i % 2 == 0 ? a : b, "24-7" + i, "follow-up", plate(20 + i));
        }
        for (int i = 0; i < 6; i++) { // many, but a real reason
            search(a, "24-8" + i, "burglary suspect seen leaving in a silver sedan", plate(30 + i));
        }

        List<JsonNode> found = flags(review(), SearchAnomalyKind.SAME_VAGUE_REASON);
        assertThat(found).hasSize(2);
        JsonNode inv = found.stream()
                .filter(f -> f.get("summary").asString().contains("\"investigation\""))
                .findFirst()
                .orElseThrow();
        assertThat(usernames(inv)).containsExactly(username(a), username(b), username(c));
        assertThat(ids(inv)).containsExactlyElementsOf(investigation);
        assertThat(inv.get("summary").asString()).contains("5 searches by 3 members", "shorter than 20 characters");
        JsonNode followUp = found.stream()
                .filter(f ->
                        f.get("summary").asString().contains("\"follow up on the case investigation per request\""))
                .findFirst()
                .orElseThrow();
        assertThat(ids(followUp)).containsExactlyElementsOf(general);
        assertThat(followUp.get("summary").asString()).contains("only general words");
    }

    @Test
    void aSearchInAnHourTheMemberRarelyUsesIsFlaggedOnlyWithEnoughHistoryAndUnderTenPercent() {
        String flaggedMember = member(Role.INVESTIGATOR); // 10 + 1: 1 of 11 is 9 %
        String atTenPercent = member(Role.INVESTIGATOR); // 9 + 1: 1 of 10 is 10 %, not under it
        String tooNew = member(Role.INVESTIGATOR); // 8 + 1: 9 searches, under the 10 needed
        searches(flaggedMember, 10);
        searches(atTenPercent, 9);
        searches(tooNew, 8);
        ((MutableClock) clock).advance(Duration.ofHours(7));
        String late = search(flaggedMember, "24-900", "stolen vehicle seen on patrol late", plate(99));
        search(atTenPercent, "24-901", "stolen vehicle seen on patrol late", plate(98));
        search(tooNew, "24-902", "stolen vehicle seen on patrol late", plate(97));

        List<JsonNode> found = flags(review(), SearchAnomalyKind.OUTSIDE_USUAL_HOURS);
        assertThat(found).hasSize(1);
        assertThat(usernames(found.get(0))).containsExactly(username(flaggedMember));
        assertThat(ids(found.get(0))).containsExactly(late);
        int hour = clock.instant().atZone(profile.zone()).getHour();
        assertThat(found.get(0).get("summary").asString())
                .contains(String.format(Locale.ROOT, "%02d:00", hour), "1 of 11 searches", "9.1 %");
    }

    @Test
    void theReviewAndTheRecordsAreForReadAuditHoldersOnlyAndEveryReadIsAudited() {
        String investigator = member(Role.INVESTIGATOR);
        String id = search(investigator, "24-555", "stolen vehicle reported by its owner", plate(1));

        assertThat(api.get("/api/v1/searches/anomalies", investigator).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/searches/" + id + "/record", investigator).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/searches/anomalies", member(Role.SUPERVISOR))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/searches/anomalies", null).status()).isEqualTo(401);

        JsonNode report = review();
        assertThat(report.get("rules")).hasSize(SearchAnomalyKind.values().length);
        assertThat(report.get("anomalies")).isEmpty();
        Map<String, Object> viewed =
                jdbc.sql("""
                        SELECT result_count, subject FROM audit_events
                        WHERE action = 'search.anomalies-viewed' AND username = ?
                        """).param(username(auditor)).query().singleRow();
        assertThat(viewed.get("result_count")).isEqualTo(0);
        assertThat(viewed.get("subject")).isEqualTo("searches");

        Api.Response record = api.get("/api/v1/searches/" + id + "/record", member(Role.ADMINISTRATOR));
        assertThat(record.status()).as(record.body()).isEqualTo(200);
        JsonNode r = record.json();
        assertThat(r.get("caseNumber").asString()).isEqualTo("24-555");
        assertThat(r.get("reason").asString()).isEqualTo("stolen vehicle reported by its owner");
        assertThat(r.get("terms").asString()).isEqualTo("plate=" + plate(1));
        assertThat(r.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(r.get("total").asInt()).isZero();
        assertThat(r.get("results")).isEmpty();
        assertThat(jdbc.sql("SELECT case_number FROM audit_events WHERE action = 'search.record-viewed'"
                                + " AND subject = ?")
                        .param("search:" + id)
                        .query(String.class)
                        .single())
                .isEqualTo("24-555");
        assertThat(api.get("/api/v1/searches/" + UUID.randomUUID() + "/record", auditor)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theConsolePageGroupsTheFlagsAndLinksToRecordsWithoutResults() {
        String a = member(Role.INVESTIGATOR);
        String first = search(a, "24-10", "stolen vehicle reported by its owner", plate(1));
        String second = search(a, "24-11", "suspect vehicle in a second burglary", plate(1));

        Member signedIn = Member.create(accounts, Role.AUDITOR, trainedOn(), clock);
        SessionClient browser = new SessionClient(port);
        assertThat(browser.signIn(signedIn.username(), signedIn.password(), signedIn.currentCode())
                        .statusCode())
                .isEqualTo(302);
        HttpResponse<String> page = browser.get(SearchReviewPageController.PATH);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Search review", "Same plate under different cases", "Nothing flagged.")
                .contains("/console/searches/" + first + "/record", "/console/searches/" + second + "/record");

        HttpResponse<String> recordPage = browser.get("/console/searches/" + second + "/record");
        assertThat(recordPage.statusCode()).isEqualTo(200);
        assertThat(recordPage.body()).contains("24-11", "suspect vehicle in a second burglary", "plate=" + plate(1));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE username = ? AND action LIKE 'search.%'")
                        .param(signedIn.username())
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);

        Member investigator = Member.create(accounts, Role.INVESTIGATOR, trainedOn(), clock);
        SessionClient other = new SessionClient(port);
        other.signIn(investigator.username(), investigator.password(), investigator.currentCode());
        assertThat(other.get(SearchReviewPageController.PATH).statusCode()).isEqualTo(403);
    }

    // --- helpers

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, trainedOn());
    }

    /** Yesterday on the server's (moved) clock: current training, never in the department's future. */
    private LocalDate trainedOn() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    }

    private String username(String token) {
        return tokens.holderOf(token).orElseThrow().username();
    }

    private String plate(int n) {
        return String.format(Locale.ROOT, "%d%s%03d", n % 10, tag, n);
    }

    /** Makes a search through the API and answers its id. */
    private String search(String token, String caseNumber, String reason, String plate) {
        Api.Response r = api.postJson(
                "/api/v1/searches",
                token,
                "{\"caseNumber\":\"" + caseNumber + "\",\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"" + reason
                        + "\",\"plate\":\"" + plate + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    /** {@code count} ordinary searches by one member, each its own plate under one case; their ids, oldest first. */
    private List<String> searches(String token, int count) {
        String caseNumber = "24-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(search(token, caseNumber, "stolen vehicle reported by its owner", plate(i)));
        }
        return ids;
    }

    private JsonNode review() {
        Api.Response r = api.get("/api/v1/searches/anomalies", auditor);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<JsonNode> flags(JsonNode report, SearchAnomalyKind kind) {
        return StreamSupport.stream(report.get("anomalies").spliterator(), false)
                .filter(a -> a.get("kind").asString().equals(kind.name()))
                .toList();
    }

    private static List<String> usernames(JsonNode flag) {
        return StreamSupport.stream(flag.get("members").spliterator(), false)
                .map(m -> m.get("username").asString())
                .toList();
    }

    private static List<String> ids(JsonNode flag) {
        return StreamSupport.stream(flag.get("searches").spliterator(), false)
                .map(s -> s.get("id").asString())
                .toList();
    }
}
