package org.platewatch.server.sharing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The feeds' settings, kept by administrators, and what the console and the API show of a feed. Every change is
 * audited with who, when and the settings before and after (never the credential: only that it was replaced).
 */
@Service
class Feeds {

    static final ProblemType FEED_FORBIDDEN = new ProblemType(
            "feed-forbidden", "A feed may go to a regional centre only", HttpStatus.UNPROCESSABLE_ENTITY);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final int BACKLOG_CAP = 100_000;

    /**
     * What an administrator types. {@code credential} may be left out on a change (the one on file stays);
     * {@code startsFrom} is a day in the department's zone, by default the agreement's first day.
     */
    record FeedForm(String ingestUrl, String credential, String scope, String startsFrom, Boolean active) {}

    private final FeedStore store;
    private final SharingStore sharing;
    private final FeedCredentials credentials;
    private final FeedGate gate;
    private final AuditLog audit;
    private final MemberAccess access;
    private final DepartmentProfile profile;
    private final Clock clock;
    private final FeedProperties feedSettings;

    Feeds(
            FeedStore store,
            SharingStore sharing,
            FeedCredentials credentials,
            FeedGate gate,
            AuditLog audit,
            MemberAccess access,
            DepartmentProfile profile,
            FeedProperties feedSettings,
            Clock clock) {
        this.feedSettings = feedSettings;
        this.store = store;
        this.sharing = sharing;
        this.credentials = credentials;
        this.gate = gate;
        this.audit = audit;
        this.access = access;
        this.profile = profile;
        this.clock = clock;
    }

    FeedStatus status(long agreementId) {
        access.requireActive(Permission.MANAGE_SHARING);
        Agreement agreement = agreement(agreementId);
        Agency agency = sharing.agency(agreement.agencyId()).orElseThrow();
        return store.feed(agreementId)
                .map(feed -> {
                    FeedGate.Verdict verdict = gate.check(feed, agreement, agency);
                    long backlog = store.backlog(feed, verdict.window(), BACKLOG_CAP + 1);
                    return FeedStatus.of(
                            feed,
                            verdict,
                            Math.min(backlog, BACKLOG_CAP),
                            backlog > BACKLOG_CAP,
                            store.batchCount(agreementId),
                            store.batches(agreementId, 10));
                })
                .orElseGet(() -> FeedStatus.none(agreementId));
    }

    @Transactional
    FeedStatus configure(long agreementId, FeedForm form) {
        UserAccount admin = access.requireActive(Permission.MANAGE_SHARING);
        Agreement agreement = sharing.agreementForUpdate(agreementId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No agreement " + agreementId));
        if (agreement.withdrawnAt() != null) {
            throw new ProblemException(ProblemType.CONFLICT, "Agreement " + agreementId + " was withdrawn");
        }
        Agency agency = sharing.agency(agreement.agencyId()).orElseThrow();
        if (agency.kind() != AgencyKind.REGIONAL_CENTRE) {
            throw new ProblemException(
                    FEED_FORBIDDEN,
                    "'" + agency.name() + "' is registered as "
                            + agency.kind().label().toLowerCase(Locale.ROOT)
                            + "; a feed goes to a regional centre under its standing agreement only");
        }
        if (form == null) {
            throw ProblemException.invalid("ingestUrl", "is required");
        }
        FeedStore.Settings settings = new FeedStore.Settings(
                ingestUrl(form.ingestUrl()),
                form.scope() == null || form.scope().isBlank()
                        ? Feed.FeedScope.ALL_DETECTIONS
                        : SharingInput.oneOf("scope", form.scope(), Feed.FeedScope.class),
                startsFrom(form.startsFrom(), agreement),
                form.active() == null || form.active());
        String credential = form.credential() == null || form.credential().isBlank()
                ? null
                : SharingInput.text("credential", form.credential(), 500);
        // It goes in an Authorization header: a line break or space there would fail every round at send time,
        // with nothing on file to say why.
        if (credential != null && !credential.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.invalid(
                    "credential", "must be the token as the centre issued it: no spaces, line breaks or accents");
        }
        Instant now = clock.instant();
        Feed before = store.feedForUpdate(agreementId).orElse(null);
        if (before == null) {
            if (credential == null) {
                throw ProblemException.invalid("credential", "is required: the device token the centre issued");
            }
            store.insert(
                    agreementId,
                    settings,
                    credentials.seal(agreementId, settings.ingestUrl(), credential),
                    admin.username(),
                    now);
        } else {
            // The credential is sealed to the address: a new address (from the administrator, never from the row alone)
            // takes it along, opened under the old one.
            String kept = credential != null ? credential : keptCredential(agreementId, before);
            String sealed = credentials.seal(agreementId, settings.ingestUrl(), kept);
            store.change(agreementId, settings, sealed, admin.username(), now);
        }
        Feed after = store.feed(agreementId).orElseThrow();
        String credentialNote = credential == null ? "credential kept" : "credential set";
        audit.record(
                admin.actor(),
                before == null
                        ? AuditEvent.of("sharing.feed-configured", "agreement:" + agreementId)
                                .withTerms(after.terms() + ", " + credentialNote)
                        : AuditEvent.of("sharing.feed-changed", "agreement:" + agreementId)
                                .withTerms(before.terms() + " -> " + after.terms() + ", " + credentialNote));
        return status(agreementId);
    }

    private String keptCredential(long agreementId, Feed before) {
        try {
            return credentials.open(agreementId, before.ingestUrl(), before.credentialSealed());
        } catch (IllegalStateException doesNotOpen) {
            throw ProblemException.invalid(
                    "credential",
                    "the credential on file no longer opens (another key file, or the feed's row was changed in the"
                            + " database): give the centre's credential again");
        }
    }

    List<FeedBatch> batches(long agreementId, int limit) {
        access.requireActive(Permission.MANAGE_SHARING);
        agreement(agreementId);
        return store.batches(agreementId, limit);
    }

    private Agreement agreement(long id) {
        return sharing.agreement(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No agreement " + id));
    }

    /**
     * An absolute https URL; plain http only to this machine (a tunnel or a test), since reads would otherwise cross
     * the network in clear. No user name or password in it: the credential goes in its own field, sealed.
     */
    private String ingestUrl(String value) {
        String text = SharingInput.text("ingestUrl", value, 500);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("ingestUrl", "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute()
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw ProblemException.invalid(
                    "ingestUrl", "must be an absolute URL such as https://centre.example/api/v1/reads");
        }
        boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw ProblemException.invalid("ingestUrl", "must be https (plain http only to this machine)");
        }
        if (!feedSettings.allowsHost(uri.getHost())) {
            throw ProblemException.invalid(
                    "ingestUrl",
                    "its host is not one the department allows feeds to (platewatch.sharing.feed.allowed-hosts)");
        }
        return text;
    }

    private Instant startsFrom(String value, Agreement agreement) {
        LocalDate day =
                value == null || value.isBlank() ? agreement.startsOn() : SharingInput.date("startsFrom", value);
        if (day.isBefore(agreement.startsOn())) {
            throw ProblemException.invalid(
                    "startsFrom", "must not be before the agreement is in force (" + agreement.startsOn() + ")");
        }
        return day.atStartOfDay(profile.zone()).toInstant();
    }
}
