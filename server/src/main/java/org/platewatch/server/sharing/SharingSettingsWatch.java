package org.platewatch.server.sharing;

import java.time.Clock;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.SharingRules;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audits a change of the profile's sharing rules. They are set when the server starts (the profile in force), so a
 * change shows as a start with rules other than those seen at the last one: the audit row says what they were and
 * became, when, and which operating-system account started the server. The first start records them silently.
 */
@Component
class SharingSettingsWatch {

    private final SharingStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String settings;

    SharingSettingsWatch(
            SharingStore store,
            AuditLog audit,
            TransactionTemplate transaction,
            Clock clock,
            DepartmentProfile profile) {
        this.store = store;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
        this.settings = describe(profile.key(), profile.sharing());
    }

    @EventListener(ApplicationReadyEvent.class)
    void compare() {
        transaction.executeWithoutResult(status -> {
            String before = store.settingsSeen().orElse(null);
            if (settings.equals(before)) {
                return;
            }
            if (before != null) {
                audit.record(
                        Actor.commandLine(),
                        AuditEvent.of("sharing.settings-changed", "sharing-settings")
                                .withTerms(before + " -> " + settings));
            }
            store.settingsSeen(settings, clock.instant());
        });
    }

    static String describe(String profileKey, SharingRules r) {
        return "profile=" + profileKey + ", recipients=" + r.allowedRecipients() + ", writtenRequest="
                + r.writtenRequestRequired() + ", approval=" + r.approvalRequired() + ", approver=" + r.approverTitle()
                + ", othersTo=" + r.nonLawEnforcementRequestsTo() + ", regionalCentre="
                + (r.hasRegionalCentre() ? r.regionalCentre() : "none")
                // only when asked, so that the profiles without the rule describe themselves as before this setting
                + (r.warrantRequired() ? ", warrantRequired" : "");
    }
}
