package org.platewatch.server.audit;

import jakarta.annotation.PreDestroy;
import org.platewatch.server.platform.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The running server anchors the chain every {@code platewatch.audit.anchor.interval} and once more
 * at shutdown. Only the server: a one-shot CLI command ({@code audit verify}) must not anchor on its
 * way out, least of all a log it has just found cut.
 */
@Component
@ConditionalOnWebApplication
class AuditAnchorSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchorSchedule.class);

    private final AuditAnchors anchors;
    private final AuditAnchorProperties settings;
    private final ClusterJobs jobs;

    AuditAnchorSchedule(AuditAnchors anchors, AuditAnchorProperties settings, ClusterJobs jobs) {
        this.jobs = jobs;
        this.anchors = anchors;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // Once per interval across the servers of a cluster; each still anchors at its own shutdown.
        registrar.addFixedDelayTask(new FixedDelayTask(
                () -> jobs.runOncePer("audit-anchor", settings.interval(), this::anchor),
                settings.interval(),
                settings.interval()));
    }

    @PreDestroy
    void atShutdown() {
        anchor();
    }

    private void anchor() {
        try {
            anchors.anchor();
        } catch (AuditAnchors.AnchorRefused e) {
            log.error("{}; run bin/platewatch audit verify", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Could not anchor the audit chain: {}", e.getMessage());
        }
    }
}
