package org.platewatch.server.alert;

import java.util.Locale;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.plate.hotlist.StateAgreement;
import org.platewatch.server.reads.NewDetection;

/**
 * The automatic comparison of read and entry shown beside them ({@code alerts.checks_json}). Each
 * {@code ...Matches} is null when either side is unknown: "no information" is not "does not match".
 */
public record AlertChecks(
        Boolean stateMatches,
        Boolean makeMatches,
        Boolean modelMatches,
        Boolean colorMatches,
        StateAgreement stateAgreement) {

    static AlertChecks of(HotlistMatch match, NewDetection read) {
        var entry = match.entry().vehicle();
        var seen = read.vehicle();
        Boolean state = match.state() == StateAgreement.SAME
                ? Boolean.TRUE
                : match.state() == StateAgreement.DIFFERENT ? Boolean.FALSE : null;
        return new AlertChecks(
                state,
                same(entry.make(), seen.make()),
                same(entry.model(), seen.model()),
                same(entry.color(), seen.color()),
                match.state());
    }

    private static Boolean same(String entry, String read) {
        if (entry == null || read == null || entry.isBlank() || read.isBlank()) {
            return null;
        }
        return normal(entry).equals(normal(read));
    }

    private static String normal(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }
}
