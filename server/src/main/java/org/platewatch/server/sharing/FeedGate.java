package org.platewatch.server.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Component;

/**
 * Whether a feed may send now, and which reads: only while its agreement is in force today in the department's
 * zone, and only what {@link ReleaseRule} lets go to the centre (asked at every round, as a release request is asked
 * again at approval: an agreement ends, a profile changes between start-ups). Reads captured before the agreement
 * starts or after its last day are never sent, whatever the feed's settings say.
 */
@Component
class FeedGate {

    /** Where a feed stands. */
    enum FeedState {
        SENDING,
        PAUSED,
        NOT_YET_IN_FORCE,
        ENDED,
        WITHDRAWN,
        FORBIDDEN
    }

    /** The state, why (for the console), and the reads a round may send when sending. */
    record Verdict(FeedState state, String why, FeedStore.Window window) {

        boolean sending() {
            return state == FeedState.SENDING;
        }
    }

    private final ReleaseRule rule;
    private final DepartmentProfile profile;
    private final FeedProperties settings;
    private final Clock clock;

    FeedGate(ReleaseRule rule, DepartmentProfile profile, FeedProperties settings, Clock clock) {
        this.rule = rule;
        this.profile = profile;
        this.settings = settings;
        this.clock = clock;
    }

    Verdict check(Feed feed, Agreement agreement, Agency agency) {
        ZoneId zone = profile.zone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        FeedStore.Window window = window(feed, agreement, now);
        if (agreement.withdrawnAt() != null) {
            return new Verdict(FeedState.WITHDRAWN, "the agreement was withdrawn", window);
        }
        if (today.isBefore(agreement.startsOn())) {
            return new Verdict(
                    FeedState.NOT_YET_IN_FORCE, "the agreement is in force from " + agreement.startsOn(), window);
        }
        if (!agreement.inForce(today)) {
            return new Verdict(FeedState.ENDED, "the agreement ended on " + agreement.endsOn(), window);
        }
        if (agency.kind() != AgencyKind.REGIONAL_CENTRE) {
            return new Verdict(FeedState.FORBIDDEN, "a feed goes to a regional centre only", window);
        }
        ReleaseVerdict verdict = rule.decide(
                new ReleaseRule.Asked(agency, ReleasePurpose.LAW_ENFORCEMENT, false, agreement.scope()), true);
        if (!(verdict instanceof ReleaseVerdict.ForApproval)) {
            String why = verdict instanceof ReleaseVerdict.Forbidden f
                    ? f.detail()
                    : "the department's policy does not release to this agency directly";
            return new Verdict(FeedState.FORBIDDEN, why, window);
        }
        if (!feed.active()) {
            return new Verdict(FeedState.PAUSED, "an administrator paused the feed", window);
        }
        return new Verdict(FeedState.SENDING, "sending while the agreement is in force", window);
    }

    /** Settled reads, captured from the later of the feed's and the agreement's start, to the agreement's end. */
    private FeedStore.Window window(Feed feed, Agreement agreement, Instant now) {
        ZoneId zone = profile.zone();
        Instant agreementStarts = agreement.startsOn().atStartOfDay(zone).toInstant();
        Instant from = feed.startsFrom().isAfter(agreementStarts) ? feed.startsFrom() : agreementStarts;
        // Nothing is captured a day ahead; without an end date that is the bound.
        Instant until = now.plus(Duration.ofDays(1));
        if (agreement.endsOn() != null) {
            Instant ends = agreement.endsOn().plusDays(1).atStartOfDay(zone).toInstant();
            until = ends.isBefore(until) ? ends : until;
        }
        return new FeedStore.Window(now.minus(settings.settle()), from, until);
    }
}
