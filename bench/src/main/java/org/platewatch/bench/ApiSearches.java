package org.platewatch.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Searches through {@code POST /api/v1/searches} as an investigator would run them: a trained investigator
 * made on the command line, with a personal API token, stating a case number and a purpose each time. Every
 * search writes its audit row and its search record; that is part of what is timed.
 */
final class ApiSearches {

    private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("One-time password[^:]*: (\\S+)");
    private static final Pattern TOKEN = Pattern.compile("(pwu_[A-Za-z0-9_-]+)");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final ZoneId DEPARTMENT_ZONE = ZoneId.of("America/Los_Angeles");

    private final BenchServer server;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();
    private int caseNumber;

    private ApiSearches(BenchServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /**
     * A fresh trained investigator for this run (a kept data directory keeps the members of earlier runs), who
     * signs in once at the console (new password, own second factor: the API refuses an account that still has
     * its one-time password), then takes a personal API token.
     */
    static ApiSearches asNewInvestigator(BenchServer server) throws Exception {
        String username = "search-bench-" + Long.toString(System.currentTimeMillis(), 36);
        String oneTimePassword = server.cli(
                ONE_TIME_PASSWORD,
                "user",
                "add",
                "--username",
                username,
                "--role",
                "investigator",
                "--training-date",
                LocalDate.now(DEPARTMENT_ZONE).toString());
        ConsoleSession.firstSignIn(server::uri, username, oneTimePassword, "bench-" + UUID.randomUUID());
        return new ApiSearches(server, server.cli(TOKEN, "user", "token", "--username", username));
    }

    /** Whether this build of the server has the search API at all. */
    boolean available() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(server.uri("/api/v1/searches/purposes"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    /** Runs one search; returns milliseconds from the start of the POST to its whole answer. */
    double search(SearchTerms.Term t, long[] total) throws Exception {
        String body = body(t);
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(server.uri("/api/v1/searches"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        Matcher status = STATUS.matcher(r.body());
        if (r.statusCode() != 201 || !status.find() || !status.group(1).equals("COMPLETED")) {
            throw new IllegalStateException("a " + t.kind() + " search answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(400, r.body().length())));
        }
        Matcher m = TOTAL.matcher(r.body());
        total[0] = m.find() ? Long.parseLong(m.group(1)) : -1;
        return ms;
    }

    private String body(SearchTerms.Term t) {
        StringBuilder b = new StringBuilder("{\"caseNumber\":\"")
                .append(String.format(Locale.ROOT, "26-%06d", ++caseNumber))
                .append("\",\"purpose\":\"")
                .append(t.kind() == SearchTerms.Kind.CANVASS ? "CRIME_SCENE_CANVASS" : "CRIME_INVESTIGATION")
                .append("\",\"reason\":\"search benchmark ")
                .append(UUID.randomUUID())
                .append('"');
        if (t.plate() != null) {
            b.append(",\"plate\":\"").append(t.plate()).append('"');
        }
        if (t.kind() == SearchTerms.Kind.CONFUSABLE) {
            b.append(",\"confusable\":true");
        }
        if (t.from() != null) {
            b.append(",\"from\":\"")
                    .append(t.from())
                    .append("\",\"to\":\"")
                    .append(t.to())
                    .append('"');
        }
        if (t.kind() == SearchTerms.Kind.CANVASS) {
            b.append(String.format(
                    Locale.ROOT,
                    ",\"area\":{\"latitude\":%.6f,\"longitude\":%.6f,\"radiusMeters\":%d}",
                    t.camera().latitude(),
                    t.camera().longitude(),
                    SearchTerms.RADIUS_METRES));
        }
        return b.append('}').toString();
    }
}
