package org.platewatch.server.retention;

import java.time.Clock;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.audit.AuditLogRetention;
import org.platewatch.server.platform.HubProperties;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.reads.DetectionPartitions;
import org.platewatch.server.reads.ImageStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The purge under the profile in force; in hub mode, under each agency's (V71). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    @Bean
    DetectionPurge detectionPurge(
            PurgeStore store,
            AuditLog audit,
            AuditLogRetention auditRetention,
            DetectionPartitions partitions,
            ImageStore images,
            PlatformTransactionManager transactions,
            DepartmentProfile profile,
            Clock clock,
            RetentionProperties properties,
            AgencyPurgeStore agencyStore,
            HubProperties hub) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return new DetectionPurge(
                store,
                audit,
                auditRetention,
                partitions,
                images,
                tx,
                profile,
                clock,
                properties.batch(),
                hub.enabled() ? new AgencyPurge(agencyStore, store, audit, images, tx, profile, clock) : null);
    }
}
